package dev.rapport.query.segment;

import java.time.Instant;
import java.util.Map;

/**
 * How many customers are in each segment, per classification, as of the last segmentation run.
 *
 * @param rfmSegments     per named RFM segment (customers with purchases)
 * @param abcClasses      per ABC (80/20) class
 * @param valueClasses    per value class (MVC, MGC, MAINTAIN, BELOW_ZERO)
 * @param ladderStages    per loyalty-ladder stage
 * @param lifecycleStages per lifecycle stage
 * @param asOf            when the segments were computed
 */
public record SegmentCounts(Map<String, Long> rfmSegments, Map<String, Long> abcClasses, Map<String, Long> valueClasses,
                            Map<String, Long> ladderStages, Map<String, Long> lifecycleStages, Instant asOf) {
}
