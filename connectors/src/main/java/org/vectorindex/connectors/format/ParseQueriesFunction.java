package org.vectorindex.connectors.format;

import org.apache.flink.annotation.Internal;
import org.vectorindex.operators.model.CollectionRegistry;
import org.vectorindex.operators.model.Query;

/** {@link ParseFunction} for the queries topic. */
@Internal
public final class ParseQueriesFunction extends ParseFunction<Query> {
    private static final long serialVersionUID = 1L;

    public ParseQueriesFunction(CollectionRegistry collections, FormatSettings settings) {
        super(collections, settings, QueryParser::new);
    }
}
