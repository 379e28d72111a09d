package tributary.sentiment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sentiment-service: Scores the sentiment of every social media post and publishes it
 * to customer_sentiment.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SentimentApplication {

	public static void main(String[] args) {
		SpringApplication.run(SentimentApplication.class, args);
	}

}
