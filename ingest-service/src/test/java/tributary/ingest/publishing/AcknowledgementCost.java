package tributary.ingest.publishing;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tributary.testsupport.bench.Median;

/**
 * The CPU a producer's I/O thread spends per record on telling the waiting request that
 * the broker acknowledged it (measured from the first completion to the last, once the
 * request waits), and the request's thread on waiting and reading the answers: a future
 * per record joined by {@code allOf} (the former way) against one
 * {@link Acknowledgements} per request, in one JVM, in alternating blocks of requests of
 * 100 records. No producer: the "I/O thread" is handed each request's records at once and
 * completes them in order, as the producer's callbacks for one batch do. Run from the
 * test class path:
 * {@code java -cp ... tributary.ingest.publishing.AcknowledgementCost [blocks] [seconds]}.
 */
public final class AcknowledgementCost {

	private static final int RECORDS = 100;

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static volatile Object sink;

	private AcknowledgementCost() {
	}

	/** The former answer of one record. */
	private record Published(int partition, long offset, long nanos) {
	}

	public static void main(String[] args) throws Exception {
		int blocks = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		double seconds = (args.length > 1) ? Double.parseDouble(args[1]) : 2;
		Timer timer = Timer.builder("publish").register(new SimpleMeterRegistry());
		SynchronousQueue<Runnable> handoff = new SynchronousQueue<>();
		long[] ioCpu = new long[2];
		Thread request = Thread.currentThread();
		Thread io = new Thread(() -> {
			try {
				while (true) {
					handoff.take().run();
				}
			}
			catch (InterruptedException ex) {
				// done
			}
		}, "io");
		io.setDaemon(true);
		io.start();
		long deadlineNanos = TimeUnit.SECONDS.toNanos(30);
		Runnable futures = () -> {
			CompletableFuture<?>[] sent = new CompletableFuture<?>[RECORDS];
			for (int i = 0; i < RECORDS; i++) {
				sent[i] = new CompletableFuture<Published>();
			}
			try {
				CompletableFuture<Void> all = CompletableFuture.allOf(sent);
				handoff.put(() -> {
					awaitParked(request);
					long cpu = THREADS.getCurrentThreadCpuTime();
					long bytes = THREADS.getCurrentThreadAllocatedBytes();
					for (int i = 0; i < RECORDS; i++) {
						@SuppressWarnings("unchecked")
						CompletableFuture<Published> future = (CompletableFuture<Published>) sent[i];
						future.complete(new Published(i % 6, i, 1000));
					}
					ioCpu[0] += THREADS.getCurrentThreadCpuTime() - cpu;
					ioCpu[1] += THREADS.getCurrentThreadAllocatedBytes() - bytes;
				});
				all.get(deadlineNanos, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			long sum = 0;
			for (CompletableFuture<?> future : sent) {
				if (future.isDone() && !future.isCompletedExceptionally()) {
					sum += ((Published) future.join()).offset();
				}
			}
			sink = sum;
		};
		Runnable slots = () -> {
			Acknowledgements acknowledgements = new Acknowledgements(RECORDS, timer);
			for (int i = 0; i < RECORDS; i++) {
				acknowledgements.next();
			}
			try {
				handoff.put(() -> {
					awaitParked(request);
					long cpu = THREADS.getCurrentThreadCpuTime();
					long bytes = THREADS.getCurrentThreadAllocatedBytes();
					for (int i = 0; i < RECORDS; i++) {
						acknowledgements.acknowledged(i, i % 6, i, 1000);
					}
					ioCpu[0] += THREADS.getCurrentThreadCpuTime() - cpu;
					ioCpu[1] += THREADS.getCurrentThreadAllocatedBytes() - bytes;
				});
				acknowledgements.await(System.nanoTime() + deadlineNanos);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			long sum = 0;
			for (int i = 0; i < RECORDS; i++) {
				if (acknowledgements.settle(i)) {
					sum += acknowledgements.offset(i);
				}
			}
			sink = sum;
		};
		String[] names = { "future per record", "one count per request" };
		Runnable[] ways = { futures, slots };
		double[][] ioNanos = new double[2][blocks];
		double[][] requestNanos = new double[2][blocks];
		double[][] ioBytes = new double[2][blocks];
		for (int block = -2; block < blocks; block++) {
			for (int way = 0; way < 2; way++) {
				long requestId = Thread.currentThread().getId();
				long records = 0;
				long cpu0 = THREADS.getThreadCpuTime(requestId);
				ioCpu[0] = 0;
				ioCpu[1] = 0;
				long end = System.nanoTime() + (long) (seconds * 1e9);
				while (System.nanoTime() < end) {
					ways[way].run();
					records += RECORDS;
				}
				if (block >= 0) {
					requestNanos[way][block] = (THREADS.getThreadCpuTime(requestId) - cpu0) / (double) records;
					// Written by the I/O thread before each request's answer it waited
					// for.
					ioNanos[way][block] = ioCpu[0] / (double) records;
					ioBytes[way][block] = ioCpu[1] / (double) records;
				}
			}
		}
		for (int way = 0; way < 2; way++) {
			System.out.printf("%-22s I/O thread %s ns/record, %s B/record; request thread %s ns/record%n", names[way],
					Median.withRange("%.0f", ioNanos[way]), Median.withRange("%.0f", ioBytes[way]),
					Median.withRange("%.0f", requestNanos[way]));
		}
		System.out.printf("one count / future per record, I/O thread: %.2f (blocks: %s)%n",
				Median.of(ioNanos[1]) / Median.of(ioNanos[0]), ratios(ioNanos[1], ioNanos[0]));
		System.out.printf("one count / future per record, request thread: %.2f%n",
				Median.of(requestNanos[1]) / Median.of(requestNanos[0]));
	}

	/** As the producer's acknowledgements come while the request waits, not before. */
	private static void awaitParked(Thread request) {
		while (request.getState() != Thread.State.TIMED_WAITING) {
			Thread.onSpinWait();
		}
	}

	private static String ratios(double[] a, double[] b) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < a.length; i++) {
			out.append(String.format("%.2f ", a[i] / b[i]));
		}
		return out.toString().trim();
	}

}
