/**
 * Constant-space multi-vector (late-interaction) retrieval: token pooling at ingest, MUVERA FDE
 * candidates through HNSW, exact MaxSim rerank.
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li><b>Ingest</b> ({@link org.vectorindex.state.multivector.MultiVectorIndex#upsert}): tokens
 *       are validated (empty list, more than 512 tokens, wrong dimension, NaN, infinity and zero
 *       vectors are rejected with an {@link java.lang.IllegalArgumentException} naming the token)
 *       and normalised; {@link org.vectorindex.state.multivector.WardPooler} pools them to at most
 *       m vectors (documents with n ≤ m are kept as they are), so storage is at most m × d per
 *       document; the document's FDE ({@link org.vectorindex.state.multivector.FdeEncoder}) goes
 *       into an {@link org.vectorindex.state.hnsw.HnswIndex} under inner product. With {@link
 *       org.vectorindex.state.multivector.StoredEncoding#INT8} the stored vectors are then
 *       quantized to one byte per component ({@link org.vectorindex.state.math.Int8Codec}); the FDE
 *       is computed from the float tokens before that.
 *   <li><b>Query</b>: the query FDE finds k' candidates in HNSW; exact MaxSim ({@link
 *       org.vectorindex.state.multivector.MaxSim}) over each candidate's pooled vectors picks the
 *       top k. Optional {@link org.vectorindex.state.multivector.QueryPruning} scores the most
 *       distinctive half of the query tokens first and finishes only the best candidates.
 * </ol>
 *
 * <h2>Persistence and determinism</h2>
 *
 * The durable image of a document is its pooled vectors and its FDE ({@code pooled(id)}, {@code
 * fde(id)}); {@code restore(id, pooled, fde)} puts them back untouched. Every random matrix of the
 * FDE comes from the seed in {@link org.vectorindex.state.multivector.FdeConfig} ({@link
 * java.util.SplittableRandom}, Box–Muller on {@link java.lang.StrictMath}), pooling uses no
 * randomness, and the distinctiveness centroid is summed in fixed point, so a restored or rescaled
 * collection answers bit-identically. In Flink keyed state ({@link
 * org.vectorindex.state.keyed.KeyedMultiVectorState}) the FDE graph is persisted as its own change
 * log and restored node for node, not rebuilt, and only the ids {@code drainChanges} reports are
 * rewritten; {@code digest()} proves a restored collection identical to the original.
 *
 * <h2>Choices, by measurement</h2>
 *
 * Measured with {@code bench multivector --corpus glove --docs 10000 --queries 100 [--fde R,k,p]
 * [--prune 0.5,0.25,distinctiveness]} (GloVe word sets, 77.3 tokens per document and 13.7 per query
 * on average, m = 16, Ward, HNSW M = 16, efConstruction = 100, ef = k'; brute force costs
 * 1,057,331,304 multiply-adds per query; shared 2-core machine, 2026-11-26). Recall is recall@10;
 * "raw" and "pooled" name the exact-MaxSim truth; MADs include query encoding, the HNSW walk
 * (vectors scored × FDE dimension) and the rerank.
 *
 * <pre>
 * FDE (R,k,p)  dim    k'   recall raw  recall pooled  FDE-only  MADs/query  vs brute
 * (20,3,8)     1280  200   0.514       0.852          0.272      7,405,088  0.70%
 * (20,3,8)     1280  300   0.524       0.896          0.273     10,431,174  0.99%
 * (20,4,8)     2560  100   0.526       0.806          0.363      6,240,742  0.59%
 * (20,4,8)     2560  200   0.540       0.910          0.366     10,890,419  1.03%
 * (20,4,8)     2560  300   0.544       0.952          0.366     15,021,568  1.42%
 * (20,5,8)     5120  100   0.538       0.878          0.428     10,179,321  0.96%
 * (20,5,8)     5120  200   0.544       0.948          0.432     17,612,025  1.67%
 * (20,5,16)   10240   50   0.553       0.755          0.465     10,463,379  0.99%
 * (20,5,16)   10240  100   0.554       0.899          0.472     17,946,310  1.70%
 * </pre>
 *
 * <ul>
 *   <li><b>FDE defaults (20, 4, 8), k' = 200.</b> Near 1% of brute force the four Pareto points
 *       land within 0.03 of each other against raw MaxSim; (20,4,8) gives the best recall against
 *       pooled MaxSim there, while (20,5,16) costs four times the FDE memory (10,240 floats per
 *       document, more than the raw tokens) and build time for +0.01–0.03.
 *   <li><b>Pooling: Ward.</b> At 2,000 documents and m = 16, exact MaxSim over Ward-pooled vectors
 *       has recall@10 0.61 against MaxSim over the raw tokens; deterministic spherical k-means 0.57
 *       (m = 32: 0.69 and 0.70). Ward is the default; k-means stays selectable.
 *   <li><b>FDE source: raw tokens.</b> At (20,4,8), k' = 200: FDE-only recall 0.366 against 0.224
 *       when the FDE encodes the pooled vectors, recall against pooled truth 0.910 against 0.825.
 *   <li><b>Pruning criterion: distinctiveness</b> (distance from the collection's mean direction).
 *       At (20,4,8), k' = 200, scoring half the tokens first and finishing half the candidates
 *       saves 9.7% of all multiply-adds (10.9 M to 9.8 M, which brings k' = 200 under 1% of brute
 *       force) at no loss against raw truth (0.540) and 0.011 against pooled truth (0.910 to
 *       0.899). Finishing only a quarter saves 15% (the rerank alone 36%) but costs 0.016 against
 *       raw and 0.059 against pooled truth. Token norm before normalisation ranked worse (0.138
 *       lost against pooled truth at a quarter). The HNSW walk, not the rerank, dominates the cost
 *       at k' ≥ 100, which caps what pruning can save. Pruning is off unless configured.
 * </ul>
 *
 * <p>Limit found: on GloVe word sets exact word matches dominate MaxSim, and pooling 77 tokens to
 * 16 blurs them, so even an exhaustive MaxSim over the pooled vectors reaches only recall@10 0.547
 * against raw-token MaxSim at 10,000 documents. Exhaustive pooled MaxSim against raw, by m (storage
 * ratio in brackets): m = 8 0.424 (0.104), 16 0.547 (0.207), 19 0.566 (0.246), 32 0.675 (0.414), 64
 * 0.857 (0.825). Without pooling (m = 512) the same FDE reaches 0.694 at k' = 50 (0.88% of brute
 * force) and 0.897 at k' = 200 (2.61%). The recall bar (0.95 against raw MaxSim at 1% of brute
 * force) is therefore not met on this data. The storage bar is: pooled vectors take 0.207 of the
 * raw tokens (0.538 counting the FDE the graph holds).
 *
 * <h2>Europarl, all-MiniLM-L6-v2 token vectors</h2>
 *
 * Measured with {@code java -Xmx6g -jar jobs/target/flink-vector-index.jar bench multivector
 * --corpus europarl --docs 10000 --queries 100 --truth-cache DIR [--m M] [--fde R,k,p]} (10,000
 * all-language Europarl sentences of 40-300 characters, 51.8 tokens per document and 59.1 per
 * held-out query on average, 384-d; Ward, HNSW M = 16, efConstruction = 100, ef = k'; brute force
 * costs 11,746,087,150 multiply-adds per query; embeddings read from the cache, shared 2-core
 * machine under load, 2026-11-26). "ceiling" is exhaustive MaxSim over the pooled vectors against
 * raw truth; "storage" is pooled floats over raw floats.
 *
 * <pre>
 * m   FDE (R,k,p)  storage ceiling  k'   recall raw  recall pooled  FDE-only   MADs/query  vs brute  QPS
 * 16  (20,4,8)     0.308   0.528     50  0.265       0.469          0.118      25,414,533   0.22%    25
 * 16  (20,4,8)     0.308   0.528    100  0.345       0.608          0.118      44,368,718   0.38%    18
 * 16  (20,4,8)     0.308   0.528    200  0.427       0.761          0.118      81,940,207   0.70%     9
 * 16  (20,4,8)     0.308   0.528    300  0.462       0.842          0.118     119,316,002   1.02%     6
 * 16  (20,5,8)     0.308   0.528     50  0.295       0.513          0.135      27,772,471   0.24%    14
 * 16  (20,5,8)     0.308   0.528    100  0.391       0.684          0.136      47,533,985   0.40%    13
 * 16  (20,5,8)     0.308   0.528    200  0.468       0.839          0.136      86,368,288   0.74%     8
 * 16  (20,5,8)     0.308   0.528    300  0.493       0.906          0.136     124,812,720   1.06%     5
 * 16  (20,5,16)    0.308   0.528     50  0.337       0.606          0.161      34,601,433   0.29%    47
 * 16  (20,5,16)    0.308   0.528    100  0.427       0.772          0.167      55,622,627   0.47%    27
 * 16  (20,5,16)    0.308   0.528    200  0.487       0.891          0.169      96,547,960   0.82%    19
 * 16  (20,5,16)    0.308   0.528    300  0.505       0.947          0.169     136,737,932   1.16%    14
 * 8   (20,4,8)     0.154   0.451     50  0.255       0.481          0.118      16,387,046   0.14%    32
 * 8   (20,4,8)     0.154   0.451    100  0.323       0.623          0.118      26,303,411   0.22%    36
 * 8   (20,4,8)     0.154   0.451    200  0.388       0.778          0.118      45,839,872   0.39%    17
 * 8   (20,4,8)     0.154   0.451    300  0.411       0.848          0.118      65,146,624   0.55%    12
 * 12  (20,4,8)     0.232   0.492     50  0.268       0.486          0.118      20,919,194   0.18%    62
 * 12  (20,4,8)     0.232   0.492    100  0.347       0.631          0.118      35,367,301   0.30%    33
 * 12  (20,4,8)     0.232   0.492    200  0.420       0.778          0.118      63,966,081   0.54%    20
 * 12  (20,4,8)     0.232   0.492    300  0.442       0.855          0.118      92,341,073   0.79%    13
 * 32  (20,4,8)     0.570   0.622     50  0.291       0.463          0.118      40,250,188   0.34%     9
 * 32  (20,4,8)     0.570   0.622    100  0.382       0.595          0.118      74,796,736   0.64%     5
 * 32  (20,4,8)     0.570   0.622    200  0.491       0.750          0.118     141,664,725   1.21%     5
 * 32  (20,4,8)     0.570   0.622    300  0.537       0.828          0.118     208,058,640   1.77%     4
 * </pre>
 *
 * <p>Result: the recall bar is not met on this data either. The best setting within 1% of brute
 * force reaches recall@10 0.487 against raw-token MaxSim (FDE (20,5,16), m = 16, k' = 200, 0.82%;
 * (20,5,8) 0.468 at 0.74%, default (20,4,8) 0.427 at 0.70%). Two limits stack: FDE candidates are
 * weak (FDE-only recall 0.118 at (20,4,8), 0.169 at (20,5,16)), and pooling caps what any rerank
 * can reach (exhaustive pooled MaxSim against raw: m = 8 0.451, 12 0.492, 16 0.528, 32 0.622).
 * Against pooled truth the pipeline does its job: (20,5,16) reaches 0.947 at k' = 300. Sentences
 * average 52 tokens, so m = 16 keeps 0.308 of the raw floats, above the quarter the issue allows; m
 * = 12 keeps 0.232 and m = 8 0.154 (storage bar met). The (20,5,16) FDE holds 10,240 floats per
 * document, more than the pooled vectors. QPS varied with the machine's load (other jobs ran
 * alongside) and is indicative only.
 *
 * <h2>INT8 stored vectors instead of pooling</h2>
 *
 * {@link org.vectorindex.state.multivector.StoredEncoding#INT8} meets the storage bound by storing
 * fewer bytes per token instead of fewer tokens. Quantizer: per-vector max-abs scale ({@link
 * org.vectorindex.state.math.Int8Codec}); since stored vectors are unit length the scale is
 * recovered as the codes' norm, so the durable image is exactly one byte per component. The
 * alternatives were worse per byte: a stored float scale costs 4 bytes per vector (0.2526 of
 * float32 at 384-d, over the bound without pooling), a fixed collection-wide scale must be chosen
 * before the data and leaves most vectors with a fraction of the 255 levels. Measured with {@code
 * bench multivector --corpus europarl|glove --docs 10000 --queries 100 --truth-cache DIR --m 512
 * --store int8 --fde 20,5,16 --candidates 100,200,300,500 --prune
 * "0.25,0.2,distinctiveness;0.2,0.1,distinctiveness;0.1,0.05,distinctiveness"} (same machine, same
 * day; storage 0.250 of the raw float32 bytes in every row; in memory a derived inverse norm, a
 * double, per vector adds 8 bytes, 0.255 at 384-d):
 *
 * <pre>
 * corpus    k'   pruning      recall raw  MADs/query   vs brute  QPS
 * europarl  all  exhaustive   0.995       (INT8 vectors against raw float tokens)
 * europarl  100  -            0.579       171,182,769  1.46%     13
 * europarl  100  0.25,0.2     0.500        89,358,594  0.76%     23
 * europarl  100  0.2,0.1      0.344        68,396,322  0.58%     29
 * europarl  200  -            0.742       307,899,659  2.62%      8
 * europarl  200  0.25,0.2     0.687       159,626,492  1.36%     15
 * europarl  200  0.2,0.1      0.505       118,085,291  1.01%     17
 * europarl  300  -            0.831       439,437,414  3.74%      4
 * europarl  300  0.1,0.05     0.349       101,685,948  0.87%     14
 * europarl  500  -            0.918       699,953,239  5.96%      2
 * europarl  500  0.25,0.2     0.884       353,929,164  3.01%      4
 * glove     all  exhaustive   0.999
 * glove     100  -            0.913        26,976,347  2.55%     10
 * glove     100  0.25,0.2     0.497        20,871,408  1.97%     20
 * glove     200  -            0.971        47,919,042  4.53%      7
 * glove     300  -            0.994        66,847,239  6.32%      5
 * </pre>
 *
 * <p>The same Europarl run with {@code --store float32} gave recall within 0.002 of every INT8 row
 * (for example 0.580 at k' = 100, 0.920 at k' = 500) at the same multiply-adds.
 *
 * <p>Result: quantization costs almost nothing (exhaustive INT8 MaxSim keeps 0.995 and 0.999 of the
 * raw top-10), so storage is met without the pooling ceiling, but the recall bar is still not met
 * within 1% of brute force. Unpooled, each Europarl candidate costs about 0.013% of brute force (59
 * query tokens × ~67 tokens × 384), so 1% affords about 70 fully scored candidates, while the
 * (20,5,16) FDE needs 500 to reach 0.918. Pruning to a quarter of the query tokens and a fifth of
 * the candidates halves the cost but loses 0.03-0.08 (more with fewer tokens; on GloVe, 13.7 query
 * tokens, a quarter of them ranks candidates badly). On GloVe the 10,240-d FDE's HNSW walk alone is
 * 1.5% of brute force. Better candidates (not storage) is what the recall bar now needs.
 *
 * <h2>Token-level candidates ({@link org.vectorindex.state.multivector.CandidateSearch#TOKENS})
 * </h2>
 *
 * Without an FDE: every stored token (unpooled, INT8) is a node of one HNSW graph, which is also
 * the only copy of the stored vectors ({@code HnswIndex.withInt8Vectors}). Each query token
 * retrieves its {@code tokenDepth} nearest tokens; a document's MaxSim is bounded above by its best
 * retrieved token per query token, or the depth-th similarity where none was retrieved (XTR's
 * imputation); documents are reranked best bound first, computing only the missing terms and
 * dropping a document once its bound cannot beat the k-th score ({@link
 * org.vectorindex.state.multivector.TokenCandidateSearch}). k' caps the documents reranked. MADs
 * count the graph walk (tokens scored × d), the completed terms and the final exact rescoring of
 * the k hits. Measured with {@code bench multivector --corpus europarl --docs 10000 --queries 100
 * --truth-cache DIR --m 512 --store int8 --candidate-search tokens --token-depth T --candidates
 * ...} (HNSW M = 16, efConstruction = 100; "bound only" is the top 10 by bound before any rerank,
 * in the {@code fdeOnlyRecall} column; same machine, 2026-11-26):
 *
 * <pre>
 * depth  k'   recall raw  bound only  MADs/query   vs brute
 * 256     60  0.905       0.543        92,829,653  0.79%
 * 256    100  0.949       0.543       110,269,743  0.94%
 * 256    110  0.953       0.543       114,369,373  0.97%
 * 256    115  0.957       0.543       116,303,520  0.99%
 * 256    150  0.965       0.543       129,425,314  1.10%
 * 320     60  0.941       0.576        95,665,324  0.81%
 * 320     80  0.957       0.576       103,816,780  0.88%
 * 320    100  0.966       0.576       111,315,375  0.95%
 * 320    120  0.972       0.576       118,365,615  1.01%
 * 512     40  0.955       0.649        98,715,279  0.84%
 * 512     60  0.975       0.649       105,411,386  0.90%
 * 512     80  0.981       0.649       111,294,808  0.95%
 * 512    100  0.982       0.649       116,524,807  0.99%
 * 1024    20  0.955       0.789       128,642,887  1.10%
 * 1024    40  0.986       0.789       132,628,135  1.13%
 * </pre>
 *
 * <p>Result: the recall bar is met on Europarl: 0.981 against raw-token MaxSim at 0.95% of brute
 * force (depth 512, k' = 80; 0.966 at depth 320, k' = 100), with stored vectors 0.250 of the raw
 * float32 bytes. Up to 512 a deeper retrieval costs little and tightens the bounds, so fewer
 * documents need scoring; the walk costs 0.46% of brute force at depth 512 but 0.81% at 1024, where
 * even 20 reranks pass 1%. The default depth is 512. In memory the graph takes 0.62 of the raw
 * bytes (codes and their derived norms, links, and a string id per token), against 0.5 for the
 * (20,5,16) FDEs alone in the FDE pipeline. Before documents were dropped early, depth 256 cost
 * 1.02% at k' = 80 (0.940) and 1.15% at k' = 100 (0.951). On GloVe word sets per-token retrieval
 * fails: frequent words are identical vectors in thousands of documents, so a query word's top
 * tokens are ties from arbitrary documents and a document never retrieved is never considered,
 * however well it matches ({@code --corpus glove --token-depth 320}: recall@10 0.137 at every k'
 * from 60 to 200, 0.20% of brute force, because the ten best bounds are already exact and stop the
 * rerank); the FDE pipeline stays the choice there. TOKENS collections live in memory only: keyed
 * state refuses them (an INT8 graph has no keyed-state image yet), so streaming collections use FDE
 * candidates.
 */
package org.vectorindex.state.multivector;
