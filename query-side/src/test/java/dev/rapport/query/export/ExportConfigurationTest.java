package dev.rapport.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import javax.sql.DataSource;

import dev.rapport.platform.EventStoreProperties;
import dev.rapport.platform.privacy.PrivacyAutoConfiguration;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.catalog.EventCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The export and catalog beans wire up from the query side's own beans; with Axon Server there is no event table to export. */
class ExportConfigurationTest {

    @Configuration
    @ComponentScan(basePackageClasses = {ReadModelExportController.class, EventCatalog.class})
    static class ExportBeans {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ExportBeans.class)
            .withBean(DataSource.class, ProjectionDatabase::dataSource)
            .withBean(JdbcClient.class, ProjectionDatabase::jdbc)
            .withConfiguration(AutoConfigurations.of(PrivacyAutoConfiguration.class))
            // as in an application: "30s" settings convert to Durations
            .withInitializer(context -> context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(EventStoreProperties.class, () -> new EventStoreProperties(null, null, null, null, null, null, null));

    @Test
    void everyExportAndTheCatalogAreServedFromTheEventStoreInPostgresql() {
        context.run(started -> assertThat(started).hasNotFailed()
                .hasSingleBean(EventExportController.class)
                .hasSingleBean(ReadModelExportController.class)
                .hasSingleBean(EventCatalog.class));
    }

    @Test
    void withAxonServerOnlyTheEventExportIsGone() {
        context.withPropertyValues("axon.axonserver.enabled=true").run(started -> assertThat(started).hasNotFailed()
                .doesNotHaveBean(EventExport.class)
                .doesNotHaveBean(EventExportController.class)
                .hasSingleBean(ReadModelExportController.class)
                .hasSingleBean(EventCatalog.class));
    }
}
