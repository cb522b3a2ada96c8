package dev.rapport.platform.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class EventRevisionResolverTest {

    @Retention(RetentionPolicy.RUNTIME)
    @interface ContractRevision {
        String value();
    }

    @ContractRevision("3")
    record Revised() {
    }

    record FirstShape() {
    }

    @Revision("7")
    record AxonRevised() {
    }

    private final EventRevisionResolver resolver = new EventRevisionResolver(ContractRevision.class.getName());

    @Test
    void theContractsAnnotationGivesTheRevision() {
        assertThat(resolver.revisionOf(Revised.class)).isEqualTo("3");
    }

    @Test
    void withoutItTheRevisionStaysNullAsForEveryEventStoredBefore() {
        assertThat(resolver.revisionOf(FirstShape.class)).isNull();
        assertThat(resolver.revisionOf(String.class)).isNull();
    }

    @Test
    void axonsOwnRevisionStillCountsForTypesOutsideTheContract() {
        assertThat(resolver.revisionOf(AxonRevised.class)).isEqualTo("7");
    }

    @Test
    void byDefaultOnlyTheEventContractsAnnotationCounts() {
        assertThat(new EventRevisionResolver().revisionOf(Revised.class)).isNull();
    }
}
