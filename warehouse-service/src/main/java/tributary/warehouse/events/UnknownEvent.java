package tributary.warehouse.events;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No event of that topic has that id, or the topic is not one the warehouse keeps: 404.
 */
class UnknownEvent extends ErrorResponseException {

	private UnknownEvent(ProblemDetail problem) {
		super(HttpStatus.NOT_FOUND, problem, null);
	}

	static UnknownEvent id(String topic, String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No event with id '" + id + "' is stored for topic " + topic);
		problem.setTitle("Unknown event");
		problem.setProperty("topic", topic);
		problem.setProperty("id", id);
		return new UnknownEvent(problem);
	}

	static UnknownEvent topic(String topic, Iterable<String> topics) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"The warehouse keeps the topics " + String.join(", ", topics) + " but not '" + topic + "'");
		problem.setTitle("Unknown topic");
		problem.setProperty("topic", topic);
		return new UnknownEvent(problem);
	}

}
