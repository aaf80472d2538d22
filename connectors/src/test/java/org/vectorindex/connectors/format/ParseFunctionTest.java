package org.vectorindex.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vectorindex.connectors.format.ParserFixtures.COLLECTIONS;
import static org.vectorindex.connectors.format.ParserFixtures.raw;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.Mutation;
import org.vectorindex.operators.model.RejectReason;

class ParseFunctionTest {

    @Test
    void goodRecordsGoOutAndBadOnesToTheSideOutputInOrder() throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ParseMutationsFunction(COLLECTIONS, FormatSettings.defaults())),
                        ModelTypes.RAW_RECORD.createSerializer(null))) {
            h.setup(ModelTypes.MUTATION.createSerializer(null));
            h.open();
            Mutation a = Mutation.upsert("c", "a", new float[] {1, 2, 3, 4}, Map.of("x", "y"));
            Mutation b = Mutation.delete("c", "b");
            h.processElement(new StreamRecord<>(raw("m", "a", InputRecords.json(a))));
            h.processElement(new StreamRecord<>(raw("m", null, "{\"op\":\"upsert\"")));
            h.processElement(new StreamRecord<>(raw("m", "b", InputRecords.binary(b))));
            h.processElement(new StreamRecord<>(raw("m", null, (byte[]) null)));
            assertEquals(List.of(a, b), h.extractOutputValues());
            List<RejectReason> reasons =
                    h.getSideOutput(ParseFunction.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .map(DeadLetter::reason)
                            .toList();
            assertEquals(List.of(RejectReason.BAD_JSON, RejectReason.EMPTY_RECORD), reasons);
        }
    }
}
