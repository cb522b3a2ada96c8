package dev.rapport.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The data generator: customers (most enrolled in the loyalty programme), then, until the event log holds the target
 * number of events, the generator mix of sales, refunds, interactions, profile updates, complaints step by step, bonus
 * points and redemptions, all through the command API. With a CDNOW file, up to 30% of the volume are its purchases, one
 * sale per line, their customers registered first. Each client thread owns a fixed share of the customers and a random
 * source seeded from the seed and its number, so a customer's commands depend on the seed only.
 */
final class Generator {

    private static final int THREADS = 16;
    private static final int EVENTS_PER_CUSTOMER = 12;

    private final Commands commands;
    private final long seed;
    private final List<Cdnow.Purchase> cdnow;
    private final LongSupplier eventCount;
    final List<Customer> customers = new ArrayList<>();
    private final Random[] randoms = new Random[THREADS];
    private int cdnowLinesUsed;
    long commandsSent;

    Generator(Commands commands, long seed, List<Cdnow.Purchase> cdnow, LongSupplier eventCount) {
        this.commands = commands;
        this.seed = seed;
        this.cdnow = cdnow;
        this.eventCount = eventCount;
        for (int i = 0; i < THREADS; i++) {
            randoms[i] = new Random(seed * 31 + i);
        }
    }

    /** Writes until the log holds at least {@code target} events. */
    void generateUpTo(long target) throws Exception {
        long start = System.nanoTime();
        // registrations: customers in proportion to the volume
        int wanted = (int) (target / EVENTS_PER_CUSTOMER);
        int from = customers.size();
        List<Customer> registered = parallel(wanted - from, (worker, i) -> {
            int number = from + i;
            return commands.register(number, null, randoms[worker].nextInt(10) < 6, randoms[worker]);
        });
        registered.stream().filter(c -> c != null).forEach(customers::add);

        if (!cdnow.isEmpty()) {
            replayCdnow((long) (target * 0.3));
        }

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Long>> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            List<Customer> share = share(customers, worker);
            workers.add(pool.submit(() -> {
                long sent = 0;
                Random random = randoms[worker];
                while (!stop.get() && !share.isEmpty()) {
                    commands.perform(share.get(random.nextInt(share.size())), Mix.GENERATOR.pick(random), random);
                    sent++;
                }
                return sent;
            }));
        }
        while (eventCount.getAsLong() < target) {
            Thread.sleep(500);
        }
        stop.set(true);
        for (Future<Long> worker : workers) {
            commandsSent += worker.get();
        }
        pool.shutdown();
        System.out.printf("  generated up to %,d events (%,d customers) in %.0f s; refused commands: %s%n", eventCount.getAsLong(),
                customers.size(), (System.nanoTime() - start) / 1e9, commands.failureSummary());
    }

    /** CDNOW purchases in file order until they and their customers' registrations make up {@code events}. */
    private void replayCdnow(long events) throws Exception {
        Map<String, List<Cdnow.Purchase>> byCustomer = new LinkedHashMap<>();
        long budget = events;
        while (cdnowLinesUsed < cdnow.size() && budget > 0) {
            Cdnow.Purchase purchase = cdnow.get(cdnowLinesUsed++);
            if (!byCustomer.containsKey(purchase.customer())) {
                budget--;
            }
            byCustomer.computeIfAbsent(purchase.customer(), k -> new ArrayList<>()).add(purchase);
            budget--;
        }
        List<String> ids = new ArrayList<>(byCustomer.keySet());
        // a customer cut by the previous volume's budget continues here: its registration already happened
        parallel(ids.size(), (worker, i) -> {
            String name = ids.get(i);
            Customer customer = cdnowCustomers.computeIfAbsent(name, n -> commands.register(-1, "CDNOW customer " + n.substring(6), false, null));
            if (customer != null) {
                byCustomer.get(name).stream().filter(p -> p.dollars().signum() > 0).forEach(p -> commands.cdnowSale(customer, p));
            }
            return null;
        });
    }

    private final Map<String, Customer> cdnowCustomers = new java.util.concurrent.ConcurrentHashMap<>();

    interface Task<T> {
        T run(int worker, int index) throws Exception;
    }

    /** Runs {@code count} tasks on the client threads, task i on thread i % THREADS, in index order per thread. */
    private <T> List<T> parallel(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<T>>> parts = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            int worker = w;
            parts.add(pool.submit(() -> {
                List<T> results = new ArrayList<>();
                for (int i = worker; i < count; i += THREADS) {
                    results.add(task.run(worker, i));
                }
                return results;
            }));
        }
        List<T> all = new ArrayList<>();
        for (Future<List<T>> part : parts) {
            all.addAll(part.get());
        }
        pool.shutdown();
        return all;
    }

    /** The customers of one of {@code clients} clients: every client's share is disjoint. */
    static List<Customer> share(List<Customer> customers, int client, int clients) {
        List<Customer> share = new ArrayList<>();
        for (int i = client; i < customers.size(); i += clients) {
            share.add(customers.get(i));
        }
        return share;
    }

    private static List<Customer> share(List<Customer> customers, int worker) {
        return share(customers, worker, THREADS);
    }
}
