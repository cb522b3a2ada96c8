package dev.rapport.command.complaint;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.events.complaint.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ComplaintSlaPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ComplaintConfiguration.class);

    @Test
    void withoutConfigurationTheSlaIsTheDomainDefault() {
        context.run(started -> {
            ComplaintSla sla = started.getBean(ComplaintSla.class);
            assertThat(sla.acknowledgeWithin(Severity.LOW)).isEqualTo(ofHours(24));
            assertThat(sla.acknowledgeWithin(Severity.MEDIUM)).isEqualTo(ofHours(24));
            assertThat(sla.acknowledgeWithin(Severity.HIGH)).isEqualTo(ofHours(8));
            assertThat(sla.acknowledgeWithin(Severity.CRITICAL)).isEqualTo(ofHours(2));
            assertThat(sla.resolveWithin(Severity.LOW)).isEqualTo(ofDays(7));
            assertThat(sla.resolveWithin(Severity.MEDIUM)).isEqualTo(ofDays(7));
            assertThat(sla.resolveWithin(Severity.HIGH)).isEqualTo(ofDays(4));
            assertThat(sla.resolveWithin(Severity.CRITICAL)).isEqualTo(ofDays(2));
            assertThat(sla.followUpWithin()).isEqualTo(ofDays(3));
        });
    }

    @Test
    void aConfiguredDurationReplacesItsDefaultOnly() {
        context.withPropertyValues(
                        "rapport.complaints.sla.acknowledge.high=6h",
                        "rapport.complaints.sla.resolve.low=10d",
                        "rapport.complaints.sla.follow-up=2d")
                .run(started -> {
                    ComplaintSla sla = started.getBean(ComplaintSla.class);
                    assertThat(sla.acknowledgeWithin(Severity.HIGH)).isEqualTo(ofHours(6));
                    assertThat(sla.acknowledgeWithin(Severity.CRITICAL)).isEqualTo(ofHours(2));
                    assertThat(sla.resolveWithin(Severity.LOW)).isEqualTo(ofDays(10));
                    assertThat(sla.resolveWithin(Severity.MEDIUM)).isEqualTo(ofDays(7));
                    assertThat(sla.followUpWithin()).isEqualTo(ofDays(2));
                });
    }

    @Test
    void aDurationThatIsNotPositiveStopsTheStart() {
        context.withPropertyValues("rapport.complaints.sla.resolve.critical=0s")
                .run(started -> assertThat(started).hasFailed());
    }
}
