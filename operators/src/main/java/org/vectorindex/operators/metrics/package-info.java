/**
 * The job's own metrics, for live dashboards: what the index operator applied and answered, and
 * what the merge operator emitted with its latency. They sit in the Flink metric group {@value
 * org.vectorindex.operators.metrics.IndexMetrics#GROUP} of each operator, so the Flink web UI, its
 * REST API and any configured metric reporter (Prometheus, JMX, ...) show them per subtask.
 */
package org.vectorindex.operators.metrics;
