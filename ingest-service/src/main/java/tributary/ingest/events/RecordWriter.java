package tributary.ingest.events;

import java.util.function.Consumer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes record values with the application's JSON mapper, on the request's thread, so
 * that the producer sends bytes rather than serialising a tree built for the purpose: the
 * same mapper and generator, so the same bytes.
 */
public final class RecordWriter {

	// Most records are a few hundred bytes; a larger one adds blocks.
	private static final int FIRST_BLOCK = 512;

	private final JsonMapper mapper;

	/**
	 * A writer using a mapper's configuration.
	 * @param mapper the application's JSON mapper
	 */
	public RecordWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Writes one JSON value.
	 * @param body writes the value to the generator
	 * @return its bytes
	 */
	byte[] write(Consumer<JsonGenerator> body) {
		ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			body.accept(generator);
		}
		return out.toByteArray();
	}

}
