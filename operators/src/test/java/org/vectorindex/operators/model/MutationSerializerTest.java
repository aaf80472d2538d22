package org.vectorindex.operators.model;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.vectorindex.state.testing.DeepEquals;

/** Flink's own serializer contract checks for the parsed mutations. */
class MutationSerializerTest extends SerializerTestBase<Mutation> {

    MutationSerializerTest() {
        super(DeepEquals.checker());
    }

    @Override
    protected TypeSerializer<Mutation> createSerializer() {
        return MutationSerializer.INSTANCE;
    }

    /** Immutable values: there is no empty instance to reuse. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<Mutation> serializer) {
        return true;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Mutation> getTypeClass() {
        return Mutation.class;
    }

    @Override
    protected Mutation[] getTestData() {
        return ModelSerializersTest.MUTATIONS.toArray(new Mutation[0]);
    }
}
