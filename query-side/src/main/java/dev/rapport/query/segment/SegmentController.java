package dev.rapport.query.segment;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Segments", description = "RFM, 80/20 (ABC), value classes, loyalty ladder and lifecycle stages")
@ReadsFrom(Projections.CUSTOMER_VIEW)
class SegmentController {

    private final JdbcClient jdbc;
    private final Segmentation segmentation;

    SegmentController(JdbcClient jdbc, Segmentation segmentation) {
        this.jdbc = jdbc;
        this.segmentation = segmentation;
    }

    @GetMapping("/api/segments")
    @Operation(summary = "Customer counts per segment", description = "As of the last segmentation run (`asOf`).")
    SegmentCounts counts() {
        Timestamp asOf = jdbc.sql("SELECT max(segments_as_of) FROM customer_view").query(Timestamp.class).optional().orElse(null);
        return new SegmentCounts(count("rfm_segment"), count("abc_class"), count("value_class"), count("ladder_stage"),
                count("lifecycle_stage"), asOf == null ? null : asOf.toInstant());
    }

    @PostMapping("/api/admin/segments/recompute")
    @Operation(summary = "Recompute segments now", description = "For data teams; normally a scheduled job does it.")
    Map<String, Integer> recompute() {
        return Map.of("customers", segmentation.recompute());
    }

    private Map<String, Long> count(String column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + " AS k, count(*) AS n FROM customer_view WHERE " + column + " IS NOT NULL GROUP BY 1 ORDER BY 1")
                .query(rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }
}
