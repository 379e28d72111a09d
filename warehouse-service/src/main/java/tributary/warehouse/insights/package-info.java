/**
 * Aggregates that are exactly right without transactions, and the questions they answer.
 *
 * <h2>How every event counts exactly once</h2>
 * <p>
 * The store offers no multi-document transactions (the embedded store has none), and a
 * consumer can crash, be fenced by a rebalance or see a topic replayed at any moment. The
 * aggregates stay exact by two rules:
 * <ol>
 * <li><b>Who counts</b> ({@link tributary.warehouse.events.RawEvents}): an event is
 * inserted into the raw store if its id is absent and never overwritten. A record counts
 * only if the stored document carries its own coordinates (topic, topic id, partition,
 * offset): either it was just inserted, or it is that very record redelivered, perhaps
 * after a crash between the raw write and the aggregate write. A different record
 * repeating a stored id is a duplicate and never counts, now or on any replay.</li>
 * <li><b>Counted once per document</b> ({@link Aggregates}): each aggregate document
 * keeps, per source partition (topic, topic id, partition), the highest offset folded
 * into it, and a version. Records of one partition reach one document in offset order (a
 * consumer commits a batch only after writing all of it), so a record whose offset is not
 * above its partition's mark is already in. A batch reads the affected documents by
 * {@code _id}, folds in only records above the marks and replaces each document with the
 * one it computed, in one write that matches only the version it read (or, where the
 * instance wrote it last, the version it wrote: the same document, not read again) and
 * inserts it if there is none. A single-document write is atomic, so the sums and the
 * marks move together or not at all; a writer that lost a race (a consumer fenced by a
 * rebalance, a concurrent consumer of another partition) gets a duplicate-key error for
 * that document alone and re-reads and retries it. The sums, minimums and maximums are
 * computed as the store's {@code $inc}, {@code $min} and {@code $max} would
 * ({@link Change#applyTo}); a document at the version read is the document read, so
 * computing them here changes nothing but who does the arithmetic.</li>
 * </ol>
 * Then redelivery, replay from the start, a rebalance or a crash at any point neither
 * doubles nor drops anything, and each aggregate equals what the distinct stored events
 * give. Alerts add to no aggregate: the records that count by the first rule are kept
 * whole, once per alert id ({@link tributary.warehouse.alerts}). Sums are exact decimals
 * ({@code Decimal128}) and means are kept as sum and count, divided when read, so the
 * figures do not depend on batch boundaries either. Buckets are UTC hours of the event's
 * own time, computed here rather than by the store.
 * <p>
 * A batch writes in this order, each write one command to the store that waits for a
 * durable write there ({@link tributary.warehouse.store.BatchWrites}): the raw events of
 * all its topics; then its aggregates, combined with those of the instance's other
 * consumers ({@link Aggregates}): the batch that finds no aggregate write in progress
 * takes the parts of every batch waiting, its own included, and, after reading the
 * documents they touch (one {@code $in} per collection, for the documents the instance
 * does not remember from its own last write of them: {@link RememberedMarks}), writes
 * every aggregate replacement of every collection together with the locations' upserts;
 * only if races were lost to another instance's writers, the lost documents read again
 * and written again, one write per round; each batch waits until the write that holds its
 * parts ended, and fails with what that write threw. Then the batch writes its counted
 * alerts. Where the store has no cross-collection {@code bulkWrite} (MongoDB before 8.0),
 * each of the first writes is one write per collection instead, in the same order.
 * <p>
 * Batches written together are folded as one: for each document, the parts of all of them
 * in offset order per partition, each record once, since two of them hold the same
 * records when a consumer fenced by a rebalance still writes what the partition's new
 * owner writes too. A failure that says nothing about the documents (the store
 * unreachable, the write concern not confirmed) reaches every batch of the write, and
 * each retries as it would have alone; any other failure of a combined write has each of
 * its batches written again alone, so that it reaches only the batch it belongs to and
 * what one batch holds never stops another.
 *
 * <h2>Deleted and recreated topics</h2>
 * <p>
 * A topic that is deleted and created again under the same name starts its offsets at 0,
 * while the store keeps the marks of the old one; by name and partition alone, the new
 * records would hide behind the old marks and never count. Each incarnation of a topic
 * has its own Kafka topic id, though, and a partition is identified by it
 * ({@link tributary.warehouse.events.TopicIds}: described when the topic is first seen,
 * whenever partitions are assigned, whenever a batch goes back to an offset its partition
 * had passed, which a recreated topic read again from 0 does without any rebalance, and
 * at least every 10 s). A mark of another incarnation says nothing about a record, so the
 * new records count, and the old marks stay, so that nothing of the old incarnation can
 * count twice; a stored event id repeated in the new incarnation is still a duplicate.
 * Kafka drops the group's committed offsets of a deleted topic, and the consumer starts
 * the new one from the earliest record; a partition found to be of another incarnation
 * than this instance read before is also read again from the start, in case its position
 * or an offset committed after the recreation would skip the new incarnation's first
 * records.
 * <p>
 * Marks and raw documents written before topic ids were kept have none. They belong to
 * the incarnation that was current when the warehouse first resolved the topic, which it
 * records once in {@code topic_incarnations}: a restart or replay of that incarnation
 * counts nothing twice, and a later recreation counts the new records. Only a topic
 * recreated while no warehouse keeping ids had started yet would be taken for the old
 * one, and its records at offsets up to the old marks not counted.
 * <p>
 * The topic id of a record is the one current when its batch is written, not read from
 * the record (Kafka's consumer does not give it). A batch of the old incarnation fetched
 * before the deletion but written after the recreation was described would be marked with
 * the new id, and as many of the new incarnation's first records in those documents would
 * not count; a recreation noticed only by the 10 s check leaves the records taken
 * meanwhile counted under the old id (once: the new id then finds them stored).
 *
 * <h2>Reading</h2>
 * <p>
 * Every query is an {@code _id} lookup: the ids of a location's or platform's hours in a
 * range are computed and fetched with {@code $in}, which both MongoDB and the embedded
 * store answer from the {@code _id} index.
 */
@NullMarked
package tributary.warehouse.insights;

import org.jspecify.annotations.NullMarked;
