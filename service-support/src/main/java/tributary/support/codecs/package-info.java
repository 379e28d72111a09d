/**
 * Every Kafka codec must work in every service, since any client may write any of them to
 * the topics: a service that cannot read one refuses to start, saying why, instead of
 * stopping at the first such record.
 */
@NullMarked
package tributary.support.codecs;

import org.jspecify.annotations.NullMarked;
