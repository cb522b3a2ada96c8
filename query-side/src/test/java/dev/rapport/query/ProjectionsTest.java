package dev.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** A projection whose processing group is not in {@link Projections#NAMES} would get no processor of its own. */
class ProjectionsTest {

    @Test
    void everyProjectionsProcessingGroupHasItsOwnProcessor() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        List<String> groups = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents(Projections.class.getPackageName())) {
            groups.add(Class.forName(candidate.getBeanClassName()).getAnnotation(ProcessingGroup.class).value());
        }

        assertThat(groups.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(Projections.NAMES);
        assertThat(Projections.NAMES).doesNotHaveDuplicates();
    }
}
