package tributary.sentiment.training;

import tributary.sentiment.engine.SentimentLabel;

/**
 * One labelled tweet of the training data.
 *
 * @param id the tweet's id, as the file gives it
 * @param label what the annotators said
 * @param text the text, with the data's escapes undone
 * @param file the file it comes from
 */
record Tweet(String id, SentimentLabel label, String text, String file) {

}
