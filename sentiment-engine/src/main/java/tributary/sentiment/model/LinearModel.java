package tributary.sentiment.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The numbers of a trained model and their file format: one weight per feature and class
 * (positive, neutral, negative), an intercept per class, and a calibration bias per class
 * added to the log-probabilities before the most probable class is chosen.
 * <p>
 * The file is big-endian: a magic number, the format version, the model's name, the
 * feature scheme and bits it was trained with, the intercepts and biases, the features
 * with a non-zero weight (index as a delta from the previous one, in a variable-length
 * integer, then three floats), and last the SHA-256 of everything before it, so that a
 * truncated or altered file is refused rather than scored with.
 */
public final class LinearModel {

	/** The classes in the order of the weights. */
	public static final int POSITIVE = 0;

	public static final int NEUTRAL = 1;

	public static final int NEGATIVE = 2;

	public static final int CLASSES = 3;

	private static final int MAGIC = 0x54534d31;

	private static final int FORMAT = 1;

	private final String name;

	private final int scheme;

	private final int bits;

	/**
	 * {@code weights[index * CLASSES + class]}: the classes of one feature side by side.
	 */
	final float[] weights;

	final float[] intercepts;

	final double[] biases;

	/**
	 * @param name the model's name, e.g. {@code tributary-model/1}
	 * @param scheme the {@link Features#SCHEME} it was trained with
	 * @param bits the {@link Features#bits()} it was trained with
	 * @param weights one weight per feature and class:
	 * {@code weights[index * CLASSES + class]}
	 * @param intercepts one per class
	 * @param biases the calibration bias per class, added to the log-probabilities
	 */
	public LinearModel(String name, int scheme, int bits, float[] weights, float[] intercepts, double[] biases) {
		this.name = Objects.requireNonNull(name, "name");
		this.scheme = scheme;
		this.bits = bits;
		if (weights.length != (Features.DENSE + (1 << bits)) * CLASSES) {
			throw new IllegalArgumentException("expected " + (Features.DENSE + (1 << bits)) * CLASSES + " weights for "
					+ bits + " bits but got " + weights.length);
		}
		if (intercepts.length != CLASSES || biases.length != CLASSES) {
			throw new IllegalArgumentException("expected " + CLASSES + " intercepts and biases");
		}
		this.weights = weights;
		this.intercepts = intercepts;
		this.biases = biases;
	}

	public String name() {
		return this.name;
	}

	public int scheme() {
		return this.scheme;
	}

	public int bits() {
		return this.bits;
	}

	/** The weight of a feature for a class. */
	public float weight(int index, int label) {
		return this.weights[index * CLASSES + label];
	}

	public float intercept(int label) {
		return this.intercepts[label];
	}

	public double bias(int label) {
		return this.biases[label];
	}

	/**
	 * Writes the model in its file format; the same model always gives the same bytes.
	 */
	public void write(OutputStream out) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(bytes);
		data.writeInt(MAGIC);
		data.writeInt(FORMAT);
		data.writeUTF(this.name);
		data.writeInt(this.scheme);
		data.writeInt(this.bits);
		for (int c = 0; c < CLASSES; c++) {
			data.writeFloat(this.intercepts[c]);
		}
		for (int c = 0; c < CLASSES; c++) {
			data.writeDouble(this.biases[c]);
		}
		int features = this.weights.length / CLASSES;
		int nonZero = 0;
		for (int i = 0; i < features; i++) {
			if (isSet(i)) {
				nonZero++;
			}
		}
		data.writeInt(nonZero);
		int previous = -1;
		for (int i = 0; i < features; i++) {
			if (isSet(i)) {
				writeVarInt(data, i - previous);
				for (int c = 0; c < CLASSES; c++) {
					data.writeFloat(this.weights[i * CLASSES + c]);
				}
				previous = i;
			}
		}
		data.flush();
		byte[] body = bytes.toByteArray();
		out.write(body);
		out.write(sha256(body, body.length));
	}

	private boolean isSet(int index) {
		for (int c = 0; c < CLASSES; c++) {
			if (this.weights[index * CLASSES + c] != 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reads a model file.
	 * @param file the whole file
	 * @param source names the file in errors
	 * @throws ModelUnreadable when the file is truncated, altered or of another format or
	 * feature scheme
	 */
	public static LinearModel read(byte[] file, String source) {
		if (file.length < 32 + 8) {
			throw new ModelUnreadable("Model file " + source + " is corrupt: " + file.length + " bytes is too short");
		}
		int bodyLength = file.length - 32;
		byte[] expected = Arrays.copyOfRange(file, bodyLength, file.length);
		if (!MessageDigest.isEqual(expected, sha256(file, bodyLength))) {
			throw new ModelUnreadable(
					"Model file " + source + " is corrupt: its SHA-256 checksum does not match its content");
		}
		try {
			ByteBuffer data = ByteBuffer.wrap(file, 0, bodyLength).order(ByteOrder.BIG_ENDIAN);
			if (data.getInt() != MAGIC) {
				throw new ModelUnreadable("Model file " + source + " is not a Tributary sentiment model");
			}
			int format = data.getInt();
			if (format != FORMAT) {
				throw new ModelUnreadable(
						"Model file " + source + " has format " + format + "; this version reads format " + FORMAT);
			}
			String name = readUtf(data);
			int scheme = data.getInt();
			if (scheme != Features.SCHEME) {
				throw new ModelUnreadable("Model file " + source + " was trained with feature scheme " + scheme
						+ "; this version extracts scheme " + Features.SCHEME + ": train it again");
			}
			int bits = data.getInt();
			if (bits < 8 || bits > 24) {
				throw new ModelUnreadable("Model file " + source + " is corrupt: " + bits + " feature bits");
			}
			float[] intercepts = new float[CLASSES];
			for (int c = 0; c < CLASSES; c++) {
				intercepts[c] = data.getFloat();
			}
			double[] biases = new double[CLASSES];
			for (int c = 0; c < CLASSES; c++) {
				biases[c] = data.getDouble();
			}
			int features = Features.denseCount() + (1 << bits);
			float[] weights = new float[features * CLASSES];
			int nonZero = data.getInt();
			int index = -1;
			for (int n = 0; n < nonZero; n++) {
				index += readVarInt(data);
				if (index < 0 || index >= features) {
					throw new ModelUnreadable("Model file " + source + " is corrupt: feature " + index);
				}
				int at = index * CLASSES;
				weights[at] = data.getFloat();
				weights[at + 1] = data.getFloat();
				weights[at + 2] = data.getFloat();
			}
			if (data.hasRemaining()) {
				throw new ModelUnreadable("Model file " + source + " is corrupt: bytes after the weights");
			}
			return new LinearModel(name, scheme, bits, weights, intercepts, biases);
		}
		catch (BufferUnderflowException ex) {
			throw new ModelUnreadable("Model file " + source + " is corrupt: it ends too early", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new ModelUnreadable("Model file " + source + " is corrupt: " + ex.getMessage(), ex);
		}
	}

	private static String readUtf(ByteBuffer data) {
		int length = data.getShort() & 0xFFFF;
		byte[] bytes = new byte[length];
		data.get(bytes);
		// writeUTF's modified UTF-8 equals UTF-8 for the names we write (no NUL, no
		// supplementary characters).
		return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}

	/** The first 12 hex digits of the SHA-256 of a whole model file. */
	static String shortHash(byte[] file) {
		return HexFormat.of().formatHex(sha256(file, file.length), 0, 6);
	}

	private static void writeVarInt(DataOutputStream out, int value) throws IOException {
		while ((value & ~0x7F) != 0) {
			out.writeByte((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		out.writeByte(value);
	}

	private static int readVarInt(ByteBuffer in) {
		int value = 0;
		for (int shift = 0; shift < 32; shift += 7) {
			int b = in.get() & 0xFF;
			value |= (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new IllegalArgumentException("a variable-length integer is too long");
	}

	private static byte[] sha256(byte[] bytes, int length) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(bytes, 0, length);
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
