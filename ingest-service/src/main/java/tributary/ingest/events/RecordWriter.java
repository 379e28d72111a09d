package tributary.ingest.events;

import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tributary.support.time.Rfc3339;

/**
 * Writes record values with the application's JSON mapper, on the request's thread, so
 * that the producer sends bytes rather than serialising a tree built for the purpose: the
 * same mapper and generator, so the same bytes.
 */
public final class RecordWriter {

	// Most records are a few hundred bytes; a larger one adds blocks.
	private static final int FIRST_BLOCK = 512;

	private final ObjectWriter writer;

	/**
	 * A writer using a mapper's configuration.
	 * @param mapper the application's JSON mapper
	 */
	public RecordWriter(JsonMapper mapper) {
		// A request's records follow one another in one generator, each taken out as
		// soon as it is written, so nothing may be written between them.
		this.writer = mapper.writer().withRootValueSeparator("");
	}

	/**
	 * Opens a session for one request's records, on one thread.
	 * @return the session, to be closed when the request's records are written
	 */
	public Session open() {
		return new Session();
	}

	/**
	 * Writes the records of one request with one generator, instead of taking one (and
	 * its buffers, from a pool shared by all threads) for every record.
	 */
	public final class Session implements AutoCloseable {

		private final ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);

		private @Nullable JsonGenerator generator;

		private @Nullable Instant stamped;

		private String stamp = "";

		private Session() {
		}

		/**
		 * Writes one JSON value.
		 * @param body writes the value to the generator
		 * @return its bytes
		 */
		byte[] write(Consumer<JsonGenerator> body) {
			JsonGenerator current = this.generator;
			if (current == null) {
				current = RecordWriter.this.writer.createGenerator(this.out);
				this.generator = current;
			}
			try {
				body.accept(current);
				current.flush();
				return this.out.toByteArray();
			}
			catch (RuntimeException ex) {
				// A generator left inside a value cannot start the next one.
				close();
				throw ex;
			}
			finally {
				this.out.reset();
			}
		}

		/**
		 * An instant as text, as {@link Instant#toString()} writes it: all the records of
		 * a request are stamped with the same one.
		 * @param instant the instant
		 * @return its text
		 */
		String stamp(Instant instant) {
			if (!instant.equals(this.stamped)) {
				this.stamp = Rfc3339.format(instant);
				this.stamped = instant;
			}
			return this.stamp;
		}

		@Override
		public void close() {
			JsonGenerator current = this.generator;
			this.generator = null;
			if (current != null) {
				current.close();
			}
		}

	}

}
