package dev.rapport.bench;

import java.util.concurrent.TimeUnit;

import dev.rapport.query.consistency.ConsistencyGate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationContext;

/**
 * The reads the application's consistency gate held until the projection had a command's effect, and how long in
 * total (its timer {@value ConsistencyGate#WAIT_METRIC}, outcome visible): the lag's share spent waiting for the
 * projection, apart from the read's own HTTP, query and answer.
 */
record GateWaits(long count, double totalNanos) {

    static GateWaits of(ApplicationContext app) {
        Timer timer = app.getBean(MeterRegistry.class).find(ConsistencyGate.WAIT_METRIC).tag("outcome", "visible").timer();
        return timer == null ? new GateWaits(0, 0) : new GateWaits(timer.count(), timer.totalTime(TimeUnit.NANOSECONDS));
    }

    GateWaits minus(GateWaits before) {
        return new GateWaits(count - before.count, totalNanos - before.totalNanos);
    }

    double meanMillis() {
        return count == 0 ? 0 : totalNanos / count / 1e6;
    }
}
