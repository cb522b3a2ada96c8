package dev.rapport.command;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * The clock an aggregate is given in fixture tests: it reads the fixture's own time, so
 * {@code whenTimeElapses}/{@code whenTimeAdvancesTo} move the aggregate's clock and its deadlines together.
 */
public final class FixtureClock extends Clock {

    private final AggregateTestFixture<?> fixture;

    public FixtureClock(AggregateTestFixture<?> fixture) {
        this.fixture = fixture;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return fixture.currentTime();
    }
}
