package tributary.local.h2;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Random;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MapUniqueIndex} reads a document's key from its fields where the library walks a
 * general path: the two must agree on every document. Each case runs the same random
 * inserts, updates and removals through a {@code MapUniqueIndex} and through one that
 * keeps the library's key reading, and compares, step by step, the keys read, which
 * operations are refused and with what error, and what each index then holds. The values
 * are the ones where a shortcut would go wrong: numbers of every type that compare equal,
 * negative zero, longs beyond a double's precision, {@code null} and absent fields,
 * documents and arrays.
 */
class MapUniqueIndexTests {

	private static final List<Supplier<@Nullable Object>> VALUES = List.of(() -> "a", () -> "b", () -> "", () -> "0",
			() -> 0, () -> 1, () -> 0L, () -> 1L, () -> 0.0, () -> -0.0, () -> 1.0, () -> 1.5, () -> Long.MAX_VALUE,
			() -> Long.MAX_VALUE - 1, () -> (double) Long.MAX_VALUE, () -> Double.NaN, () -> null,
			() -> Missing.getInstance(), () -> true, () -> new Document("x", 1), () -> new Document("x", 1.0),
			() -> new Document("x", -0.0).append("y", "a"), () -> List.of(1, 2), () -> List.of("a"), () -> List.of(),
			() -> Instant.ofEpochSecond(1), () -> new Date(1000), () -> new ObjectId("0123456789abcdef01234567"));

	private static final MongoCollection<Object> COLLECTION = collectionNamed("db.c");

	private final MVStore store = MVStore.open(null);

	private int maps;

	static List<Object[]> indexes() {
		return List.of(new Object[] { List.of("_id"), false }, new Object[] { List.of("_id", "version"), false },
				new Object[] { List.of("k"), false }, new Object[] { List.of("k", "_id"), false },
				new Object[] { List.of("k"), true }, new Object[] { List.of("a.b"), false },
				new Object[] { List.of("k", "a.b"), false });
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@ParameterizedTest(name = "{0} sparse={1}")
	@MethodSource("indexes")
	void readsTheKeysTheLibraryReadsAndRefusesWhatItRefuses(List<String> names, boolean sparse) {
		List<IndexKey> keys = names.stream().map((name) -> new IndexKey(name, true)).toList();
		MapUniqueIndex fast = new MapUniqueIndex(map(), "i", keys, sparse);
		MapUniqueIndex library = new MapUniqueIndex(map(), "i", keys, sparse, false);
		Random random = new Random(names.hashCode() * 31L + (sparse ? 1 : 0));
		Map<Integer, Document> stored = new LinkedHashMap<>();
		int refused = 0;
		for (int step = 0; step < 20_000; step++) {
			int operation = random.nextInt(10);
			if (stored.isEmpty() || operation < 5) {
				Document document = document(random, names);
				same("keys of " + document, () -> fast.getKeyValues(document), () -> library.getKeyValues(document));
				if (same("checkAdd " + document, () -> fast.checkAdd(document, COLLECTION),
						() -> library.checkAdd(document, COLLECTION))) {
					int position = step;
					same("add " + document, () -> fast.add(document, position, COLLECTION),
							() -> library.add(document, position, COLLECTION));
					stored.put(step, document);
				}
				else {
					refused++;
				}
			}
			else if (operation < 8) {
				Entry<Integer, Document> old = pick(random, stored);
				Document document = document(random, names);
				String update = "update " + old.getValue() + " to " + document;
				if (same(update, () -> fast.checkUpdate(old.getValue(), document, COLLECTION),
						() -> library.checkUpdate(old.getValue(), document, COLLECTION))) {
					same(update, () -> fast.updateInPlace(old.getValue(), document, old.getKey(), COLLECTION),
							() -> library.updateInPlace(old.getValue(), document, old.getKey(), COLLECTION));
					stored.put(old.getKey(), document);
				}
				else {
					refused++;
				}
			}
			else {
				Entry<Integer, Document> old = pick(random, stored);
				same("position of " + old.getValue(), () -> fast.getPosition(old.getValue()),
						() -> library.getPosition(old.getValue()));
				same("remove " + old.getValue(), () -> fast.remove(old.getValue()),
						() -> library.remove(old.getValue()));
				stored.remove(old.getKey());
			}
			if (step % 1000 == 0) {
				assertThat(entries(fast)).isEqualTo(entries(library));
			}
		}
		assertThat(entries(fast)).isEqualTo(entries(library));
		// the comparison saw both outcomes
		assertThat(refused).isPositive();
		assertThat(fast.getCount()).isPositive();
	}

	private MVMap<KeyValue, Object> map() {
		return this.store.openMap("index" + this.maps++, StoreFormat.indexMap());
	}

	private static Document document(Random random, List<String> names) {
		Document document = new Document();
		for (String name : names) {
			Object value = VALUES.get(random.nextInt(VALUES.size())).get();
			if (value instanceof Missing) {
				continue;
			}
			int dot = name.indexOf('.');
			if (dot > 0) {
				document.put(name.substring(0, dot), new Document(name.substring(dot + 1), value));
			}
			else {
				document.put(name, value);
			}
		}
		document.putIfAbsent("other", random.nextInt(3));
		return document;
	}

	private static <K, V> Entry<K, V> pick(Random random, Map<K, V> map) {
		return new ArrayList<>(map.entrySet()).get(random.nextInt(map.size()));
	}

	/**
	 * Runs an operation on both indexes and asserts the same outcome: an equal result, or
	 * the same refusal (type and message).
	 * @return whether the operation went through
	 */
	private static boolean same(String operation, Runnable fast, Runnable library) {
		return same(operation, () -> {
			fast.run();
			return "done";
		}, () -> {
			library.run();
			return "done";
		});
	}

	private static boolean same(String operation, Supplier<@Nullable Object> fast, Supplier<@Nullable Object> library) {
		Object fastOutcome = outcome(fast);
		assertThat(fastOutcome).as(operation).isEqualTo(outcome(library));
		return !(fastOutcome instanceof Refusal);
	}

	private static @Nullable Object outcome(Supplier<@Nullable Object> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			return new Refusal(ex.getClass().getName(), ex.getMessage());
		}
	}

	private record Refusal(String type, @Nullable String message) {
	}

	private static Map<KeyValue, Object> entries(MapUniqueIndex index) {
		Map<KeyValue, Object> entries = new LinkedHashMap<>();
		index.getIterable().forEach((entry) -> entries.put(entry.getKey(), entry.getValue()));
		return entries;
	}

	@SuppressWarnings("unchecked")
	private static MongoCollection<Object> collectionNamed(String fullName) {
		return (MongoCollection<Object>) Proxy.newProxyInstance(MapUniqueIndexTests.class.getClassLoader(),
				new Class<?>[] { MongoCollection.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("getFullName")) {
						return fullName;
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

}
