package dev.rapport.command.complaint;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The complaint SLA, bound from {@code rapport.complaints.sla.*}. */
@Configuration
@EnableConfigurationProperties(ComplaintSlaProperties.class)
class ComplaintConfiguration {

    @Bean
    ComplaintSla complaintSla(ComplaintSlaProperties properties) {
        return new ComplaintSla(properties);
    }
}
