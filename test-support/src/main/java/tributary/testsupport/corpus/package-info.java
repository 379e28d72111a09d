/**
 * Generated records for the topics, valid, unusual and hostile, to feed consumers in
 * property tests: every record must end up processed or dead-lettered.
 */
@NullMarked
package tributary.testsupport.corpus;

import org.jspecify.annotations.NullMarked;
