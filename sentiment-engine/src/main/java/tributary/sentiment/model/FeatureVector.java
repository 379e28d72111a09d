package tributary.sentiment.model;

import java.util.Arrays;

/**
 * The sparse features of one text: indices in ascending order, each once, with their
 * values. Reused by one thread at a time, so extracting does not allocate per text.
 */
public final class FeatureVector {

	int size;

	int[] indices;

	float[] values;

	public FeatureVector() {
		this.indices = new int[256];
		this.values = new float[256];
	}

	/** How many features are set. */
	public int size() {
		return this.size;
	}

	/** The index of the {@code i}th feature, in [0, {@link Features#dimension()}). */
	public int index(int i) {
		return this.indices[i];
	}

	/** The value of the {@code i}th feature. */
	public float value(int i) {
		return this.values[i];
	}

	void clear() {
		this.size = 0;
	}

	void add(int index, float value) {
		if (this.size == this.indices.length) {
			this.indices = Arrays.copyOf(this.indices, this.size * 2);
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.indices[this.size] = index;
		this.values[this.size] = value;
		this.size++;
	}

	boolean worthKeeping() {
		return this.indices.length <= 4096;
	}

}
