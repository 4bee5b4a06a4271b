package dev.conduit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final Monitoring monitoring = Monitoring.builder().jvmMetrics(false).build();
    private final Readiness readiness = monitoring.readiness();

    @Test
    void isNotReadyWhileStartingOrDrainingOrWithoutAProvider() {
        assertThat(readiness.report()).isEqualTo(new ReadinessReport(false, "starting"));

        monitoring.configure(List.of("deepseek"), PriceTable.NONE);
        readiness.ready();
        assertThat(readiness.report()).isEqualTo(new ReadinessReport(true, "ready"));
        assertThat(readiness.phase()).isEqualTo(Readiness.Phase.READY);

        monitoring.configure(List.of(), PriceTable.NONE);
        assertThat(readiness.report()).isEqualTo(new ReadinessReport(false, "no usable provider configured"));

        monitoring.configure(List.of("deepseek"), PriceTable.NONE);
        readiness.draining();
        assertThat(readiness.report()).isEqualTo(new ReadinessReport(false, "draining: the worker is stopping"));
    }

    @Test
    void readsAPreparedReport() {
        readiness.ready();

        assertThat(readiness.report()).isSameAs(readiness.report());
    }
}
