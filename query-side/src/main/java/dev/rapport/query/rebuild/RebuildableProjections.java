package dev.rapport.query.rebuild;

import java.util.List;
import java.util.stream.Stream;

import dev.rapport.query.Projections;
import org.springframework.stereotype.Component;

/**
 * The projections that can be rebuilt, with their tables: the ones listed here, and those a feature declares
 * as a {@link RebuildableProjection} bean because they need steps of their own at the swap (churn-alerts).
 */
@Component
public class RebuildableProjections {

    /** Written on customer_view by the churn projection and the segmentation job, not by customer-view. */
    static final List<String> CUSTOMER_VIEW_FOREIGN_COLUMNS = List.of("churn_level", "recency_days", "r_score", "f_score",
            "m_score", "rfm_segment", "abc_class", "value_class", "net_spend_12m", "purchases_12m", "ladder_stage",
            "lifecycle_stage", "segments_as_of");

    private static final List<RebuildableProjection> LISTED = List.of(
            new RebuildableProjection(Projections.CUSTOMER_VIEW,
                    List.of("customer_view", "customer_purchase", "customer_refund", "customer_open_complaint"),
                    List.of(new RebuildableProjection.CarriedColumns("customer_view", "customer_id", CUSTOMER_VIEW_FOREIGN_COLUMNS))),
            new RebuildableProjection(Projections.CUSTOMER_TIMELINE, List.of("customer_timeline"), List.of()),
            new RebuildableProjection(Projections.COMPLAINT_VIEW, List.of("complaint_view"), List.of()),
            // the lot walks and the qualifying window read by membership through these
            new RebuildableProjection(Projections.LOYALTY_VIEW,
                    List.of("membership_view", "membership_qualifying", "membership_points_lot"), List.of(),
                    List.of("membership_qualifying_window", "membership_points_lot_open")));

    private final List<RebuildableProjection> all;

    RebuildableProjections(List<RebuildableProjection> declared) {
        this.all = Stream.concat(LISTED.stream(), declared.stream()).toList();
    }

    public List<RebuildableProjection> all() {
        return all;
    }

    /** The projection to rebuild; 404 when there is no such projection. */
    public RebuildableProjection named(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new RebuildProblems.UnknownProjection(name));
    }
}
