package tributary.local.h2;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rough size on the heap of what the store keeps, for H2's page sizing and cache. H2's
 * own estimate for an object it does not know starts at 10 KB, which splits pages after a
 * handful of entries and makes every commit write many small pages.
 */
final class HeapSize {

	/** Nested values below this depth are counted as one reference each. */
	private static final int MAX_DEPTH = 4;

	private HeapSize() {
	}

	static int of(@Nullable Object value) {
		return of(value, 0);
	}

	private static int of(@Nullable Object value, int depth) {
		if (value instanceof String string) {
			return 48 + string.length();
		}
		if (depth < MAX_DEPTH && value instanceof Map<?, ?> map) {
			int memory = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				memory += 48 + of(entry.getKey(), depth + 1) + of(entry.getValue(), depth + 1);
			}
			return memory;
		}
		if (depth < MAX_DEPTH && value instanceof Iterable<?> list) {
			int memory = 40;
			for (Object element : list) {
				memory += 8 + of(element, depth + 1);
			}
			return memory;
		}
		return 32;
	}

}
