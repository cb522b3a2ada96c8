package dev.rapport.query.rebuild;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The gauges rapport.rebuild.position and rapport.rebuild.processed, tagged by projection. */
@Component
class RebuildMetrics {

    private final Map<String, AtomicLong> positions;
    private final Map<String, AtomicLong> processed;

    RebuildMetrics(RebuildableProjections projections, MeterRegistry meters) {
        this.positions = projections.all().stream().collect(Collectors.toMap(RebuildableProjection::name, p -> new AtomicLong()));
        this.processed = projections.all().stream().collect(Collectors.toMap(RebuildableProjection::name, p -> new AtomicLong()));
        positions.forEach((name, value) -> Gauge.builder("rapport.rebuild.position", value, AtomicLong::get)
                .description("Log position a projection's rebuild has replayed up to").tag("projection", name).register(meters));
        processed.forEach((name, value) -> Gauge.builder("rapport.rebuild.processed", value, AtomicLong::get)
                .description("Events a projection's rebuild has replayed").tag("projection", name).register(meters));
    }

    void update(String projection, long position, long processedEvents) {
        positions.get(projection).set(position);
        processed.get(projection).set(processedEvents);
    }
}
