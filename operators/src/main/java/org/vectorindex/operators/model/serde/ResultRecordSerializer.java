package org.vectorindex.operators.model.serde;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.vectorindex.operators.model.QueryResult;
import org.vectorindex.operators.model.ResultRecord;
import org.vectorindex.operators.model.StatsResult;
import org.vectorindex.operators.model.SubscriptionUpdate;

/**
 * Format v2: a tag byte (0 {@link QueryResult}, 1 {@link SubscriptionUpdate}, 2 {@link
 * StatsResult}) followed by that type's v1 format. Format v1 is the same without tag 2; it is still
 * read.
 */
public final class ResultRecordSerializer extends ModelSerializer<ResultRecord> {
    private static final long serialVersionUID = 1L;
    public static final int CURRENT_VERSION = 2;
    public static final ResultRecordSerializer INSTANCE = new ResultRecordSerializer();

    public ResultRecordSerializer() {
        this(CURRENT_VERSION);
    }

    private ResultRecordSerializer(int readVersion) {
        super(readVersion);
    }

    @Override
    public int currentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected ModelSerializer<ResultRecord> withReadVersion(int version) {
        return new ResultRecordSerializer(version);
    }

    @Override
    protected void write(ResultRecord r, DataOutputView out) throws IOException {
        if (r instanceof QueryResult q) {
            out.writeByte(0);
            QueryResultSerializer.INSTANCE.write(q, out);
        } else if (r instanceof SubscriptionUpdate u) {
            out.writeByte(1);
            SubscriptionUpdateSerializer.INSTANCE.write(u, out);
        } else {
            out.writeByte(2);
            StatsResultSerializer.INSTANCE.write((StatsResult) r, out);
        }
    }

    @Override
    protected ResultRecord read(DataInputView in, int version) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return QueryResultSerializer.INSTANCE.read(in, 1);
            case 1:
                return SubscriptionUpdateSerializer.INSTANCE.read(in, 1);
            case 2:
                if (version >= 2) {
                    return StatsResultSerializer.INSTANCE.read(in, 1);
                }
                throw SerdeIO.corrupt("result record tag (format v1)", tag);
            default:
                throw SerdeIO.corrupt("result record tag", tag);
        }
    }
}
