package org.vectorindex.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rows {@code bench hnsw --store int8} adds: our index with INT8 vectors against our float32
 * one at the same ef (recall lost, QPS ratio) and bytes per vector. The float32 keys stay as they
 * are; these sit beside them.
 */
final class Int8Rows {
    private Int8Rows() {}

    static void memoryJson(ObjectNode memory, long int8Bytes, long float32Bytes, int n) {
        memory.put("oursInt8", int8Bytes);
        HnswBenchReport.number(memory, "oursInt8PerVector", int8Bytes / (double) n);
        HnswBenchReport.number(memory, "int8VsFloat32", int8Bytes / (double) float32Bytes);
    }

    static ObjectNode ratiosJson(ObjectMapper mapper, HnswBenchReport report) {
        ObjectNode vs = mapper.createObjectNode();
        vs.put(
                "note",
                "ours with INT8 vectors / ours with float32, at the same ef: recallLoss is float32"
                        + " recall minus INT8 recall (in recall units, 0.01 = one point)");
        vs.put("buildRate", report.buildRate("ours-int8") / report.buildRate("ours"));
        ArrayNode atEf = vs.putArray("atEf");
        for (HnswBenchReport.EfRow row : report.rows()) {
            ObjectNode r = atEf.addObject();
            r.put("ef", row.ef());
            HnswBenchReport.number(r, "recallLoss", row.ours().recall() - row.oursInt8().recall());
            HnswBenchReport.number(
                    r, "qpsRatio", report.qps(row.oursInt8()) / report.qps(row.ours()));
        }
        return vs;
    }

    static void table(StringBuilder sb, HnswBenchReport report, long int8Bytes, long float32Bytes) {
        int n = report.setup().n();
        sb.append(
                HnswBenchReport.fmt(
                        "int8: build rate int8/float32 %.2fx; memory %.0f B/vector, %.3f of"
                                + " float32's%n",
                        report.buildRate("ours-int8") / report.buildRate("ours"),
                        int8Bytes / (double) n,
                        int8Bytes / (double) float32Bytes));
        sb.append(
                HnswBenchReport.fmt(
                        "%5s | %8s %9s | %11s | %8s%n",
                        "ef", "int8 R@k", "int8 qps", "recall loss", "qps x"));
        for (HnswBenchReport.EfRow r : report.rows()) {
            sb.append(
                    HnswBenchReport.fmt(
                            "%5d | %8.4f %9.0f | %11.4f | %7.2fx%n",
                            r.ef(),
                            r.oursInt8().recall(),
                            report.qps(r.oursInt8()),
                            r.ours().recall() - r.oursInt8().recall(),
                            report.qps(r.oursInt8()) / report.qps(r.ours())));
        }
    }
}
