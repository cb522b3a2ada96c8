package dev.rapport.query.segment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Recomputes the segments regularly ({@code rapport.segments.interval}, default hourly) and soon after start-up. */
@Configuration
@EnableScheduling
class SegmentationSchedule {

    private final Segmentation segmentation;

    SegmentationSchedule(Segmentation segmentation) {
        this.segmentation = segmentation;
    }

    @Scheduled(initialDelayString = "${rapport.segments.initial-delay:PT1M}", fixedDelayString = "${rapport.segments.interval:PT1H}")
    void recompute() {
        segmentation.recompute();
    }
}
