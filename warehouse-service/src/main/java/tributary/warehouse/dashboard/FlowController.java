package tributary.warehouse.dashboard;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import tributary.warehouse.dashboard.Flow.FlowReport;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The flow API the dashboard's overview polls. */
@RestController
class FlowController {

	private final Flow flow;

	FlowController(Flow flow) {
		this.flow = flow;
	}

	@GetMapping("/api/v1/flow")
	@Operation(summary = "Records per second, consumer lag and end-to-end latency per topic, now and over the last "
			+ "minutes, from the warehouse's own meters")
	FlowReport flow() {
		return this.flow.report(Instant.now());
	}

}
