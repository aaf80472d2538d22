package org.vectorindex.state.hnsw;

import org.apache.flink.annotation.Internal;

/**
 * The durable payload of one node of an INT8 index: {@link NodeRecord} with the vector as its
 * one-byte codes and, under L2 and dot, its scale and offset ({@code x̂ = offset + scale · codes});
 * both {@code 0} under cosine, whose unit vectors recover their scale from the codes. About a
 * quarter of the float bytes in keyed state too.
 */
@Internal
public record Int8NodeRecord(
        String id, byte[] codes, float scale, float offset, int level, boolean deleted) {}
