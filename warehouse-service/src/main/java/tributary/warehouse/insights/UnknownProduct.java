package tributary.warehouse.insights;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No event has named this product: 404. */
class UnknownProduct extends ErrorResponseException {

	UnknownProduct(String productId) {
		super(HttpStatus.NOT_FOUND, problem(productId), null);
	}

	private static ProblemDetail problem(String productId) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No feedback, post or sentiment has named product '" + productId + "'");
		detail.setTitle("Unknown product");
		detail.setProperty("productId", productId);
		return detail;
	}

}
