/** Metrics, distance kernels and vector validation shared by every index. */
package org.vectorindex.state.math;
