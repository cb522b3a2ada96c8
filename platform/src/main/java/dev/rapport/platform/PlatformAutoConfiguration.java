package dev.rapport.platform;

import java.time.Clock;
import java.time.Duration;

import dev.rapport.platform.web.InputLimits;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.platform.web.MessageLineage;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.platform.web.RequestBodyLimit;
import dev.rapport.platform.web.SubscriptionRateLimit;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Cross-cutting pieces both sides use: the clock, message lineage, problem details, input limits. */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(InputLimits.class)
public class PlatformAutoConfiguration {

    /** The one source of time for decisions; tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Errors Tomcat answers itself (before Spring MVC) are problem+json too. */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemJsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(dev.rapport.platform.web.ProblemJsonErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    CorrelationDataProvider messageLineage() {
        return new MessageLineage();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    AxonServerPreflight axonServerPreflight(
            @Value("${axon.axonserver.servers:localhost}") String servers,
            @Value("${rapport.axonserver.preflight-timeout:2s}") Duration timeout) {
        return new AxonServerPreflight(servers, timeout);
    }

    @Bean
    @ConditionalOnWebApplication
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    RequestBodyLimit requestBodyLimit(InputLimits limits) {
        return new RequestBodyLimit(limits.maxRequestBody().toBytes());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    LiveStreams liveStreams() {
        return new LiveStreams();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    WebMvcConfigurer subscriptionRateLimit(InputLimits limits, Clock clock) {
        SubscriptionRateLimit rateLimit = new SubscriptionRateLimit(limits.subscriptionsPerMinute(), clock);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(rateLimit);
            }
        };
    }
}
