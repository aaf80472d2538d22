package org.vectorindex.connectors.format;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.DeadLetter;
import org.vectorindex.operators.model.ModelTypes;
import org.vectorindex.operators.model.RawRecord;

/**
 * Parses and validates raw Kafka records; valid ones go to the main output, invalid ones to the
 * {@link #DEAD_LETTERS} side output. A bad record therefore never fails the job and never holds
 * back good ones. Counts dead letters in the {@code deadLetters} metric.
 */
@Internal
public abstract class ParseFunction<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    /** Side output of every rejected record. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", ModelTypes.DEAD_LETTER);

    /** Makes the parser of a topic's records on the task manager. */
    interface ParserFactory<T> extends Serializable {
        RecordReader<T> create(CollectionRegistry collections, FormatSettings settings);
    }

    private final CollectionRegistry collections;
    private final FormatSettings settings;
    private final ParserFactory<T> parserFactory;

    private transient RecordReader<T> parser;
    private transient Counter deadLetters;

    ParseFunction(
            CollectionRegistry collections,
            FormatSettings settings,
            ParserFactory<T> parserFactory) {
        this.collections = Objects.requireNonNull(collections, "collections are missing");
        this.settings = Objects.requireNonNull(settings, "format settings are missing");
        this.parserFactory = parserFactory;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = parserFactory.create(collections, settings);
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        ParseResult<T> r = parser.parse(raw);
        if (r.isOk()) {
            out.collect(r.value());
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, r.deadLetter());
        }
    }
}
