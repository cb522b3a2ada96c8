package dev.rapport.standalone;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the application's round trips to PostgreSQL at the JDBC level: every statement executed (a batch counts
 * once: pgjdbc sends it in one go), every commit and rollback, every connection check. Installed under the pool as
 * its data source ({@link #underThePool()}), so it sees what the pool's connections send, recorded with the thread
 * that sent it: a request's round trips are those of the request thread.
 */
final class RoundTrips {

    record Trip(String thread, String what) {
    }

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");
    private static final Set<String> ON_CONNECTION = Set.of("commit", "rollback", "isValid");

    private final ConcurrentLinkedQueue<Trip> trips = new ConcurrentLinkedQueue<>();

    /** Puts a counting data source under the embedded pool, before the pool opens its first connection. */
    BeanPostProcessor underThePool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
                    PGSimpleDataSource postgres = new PGSimpleDataSource();
                    postgres.setURL(pool.getJdbcUrl());
                    postgres.setUser(pool.getUsername());
                    pool.setDataSource(counting(postgres));
                }
                return bean;
            }
        };
    }

    void clear() {
        trips.clear();
    }

    /** What threads matching the filter sent since the last {@link #clear()}, in order. */
    List<String> sentBy(Predicate<String> thread) {
        return trips.stream().filter(trip -> thread.test(trip.thread())).map(Trip::what).toList();
    }

    /** Tomcat's request threads. */
    static boolean requestThread(String name) {
        return name.contains("-exec-");
    }

    private DataSource counting(DataSource target) {
        return forward(DataSource.class, target, (method, args, result) ->
                result instanceof Connection connection ? countingConnection(connection) : result);
    }

    private Connection countingConnection(Connection target) {
        return forward(Connection.class, target, (method, args, result) -> {
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : "(statement)";
                return countingStatement(method.getReturnType(), statement, sql);
            }
            return result;
        }, ON_CONNECTION);
    }

    private Object countingStatement(Class<?> kind, Statement target, String preparedSql) {
        InvocationHandler handler = (self, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
                record((method.getName().contains("Batch") ? "BATCH " : "") + sql.strip().replaceAll("\\s+", " "));
            }
            return invoke(target, method, args);
        };
        return Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[]{kind}, handler);
    }

    private interface Wrap {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private <T> T forward(Class<T> type, T target, Wrap wrap) {
        return forward(type, target, wrap, Set.of());
    }

    /** A proxy of {@code target} recording the calls named in {@code counted}, its results passed through {@code wrap}. */
    private <T> T forward(Class<T> type, T target, Wrap wrap, Set<String> counted) {
        InvocationHandler handler = (self, method, args) -> {
            if (counted.contains(method.getName())) {
                record(method.getName().toUpperCase());
            }
            return wrap.apply(method, args, invoke(target, method, args));
        };
        return type.cast(Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[]{type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void record(String what) {
        trips.add(new Trip(Thread.currentThread().getName(), what));
    }
}
