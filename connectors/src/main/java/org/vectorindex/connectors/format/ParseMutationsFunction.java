package org.vectorindex.connectors.format;

import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.Mutation;

/** {@link ParseFunction} for the mutations topic. */
@Internal
public final class ParseMutationsFunction extends ParseFunction<Mutation> {
    private static final long serialVersionUID = 1L;

    public ParseMutationsFunction(CollectionRegistry collections, FormatSettings settings) {
        super(collections, settings, MutationParser::new);
    }
}
