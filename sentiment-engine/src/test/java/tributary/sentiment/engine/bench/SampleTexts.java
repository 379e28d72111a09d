package tributary.sentiment.engine.bench;

import java.util.List;

/**
 * Tweet-length texts written for the speed benchmark: the mix of words, emoji and noise
 * posts have.
 */
final class SampleTexts {

	static final List<String> TEXTS = List.of(
			"Just tried the new update and honestly it's sooo much better than the last one 🔥🔥 great work team!",
			"@support my order #48213 still hasn't arrived after 2 weeks. Not happy. Not happy at all.",
			"Flight delayed AGAIN. Third time this month. Thanks a lot @airline 🙄 #fail",
			"Sunny morning, coffee in hand, nothing on the calendar until noon :) life is good",
			"the new album is mid tbh, a couple of bangers but the rest is forgettable",
			"Can't believe how good this pizza is!!! 🍕😍 https://example.com/pizza-place",
			"I don't think the battery lasts as long as they claim, but the screen is gorgeous.",
			"RT @news: Storm warning issued for the coast tonight, stay safe everyone",
			"lmaooo my cat just knocked the whole plant off the table 💀💀",
			"Customer service was helpful and friendly, sorted my refund in ten minutes. Would recommend.",
			"WORST. PURCHASE. EVER. Broke after two days and nobody answers the phone.",
			"Meeting moved to 3pm, room 4B. Please bring the quarterly numbers.",
			"Not bad at all for the price, kinda wish it came in blue though",
			"So proud of my sister for finishing her first marathon today 🏅❤️ #blessed",
			"ugh Mondays... traffic was terrible and I spilled coffee on my shirt 😩",
			"is it just me or is the app super slow since yesterday?? anyone else?",
			"The hotel was clean, the staff were lovely, the breakfast was nothing special.",
			"Honestly no cap this is the best burger in town 🍔💯",
			"Lost the final 2-1 but the lads played their hearts out. Proud of this team.",
			"What a waste of money. The sequel is a letdown and the ending makes no sense.",
			"Happy birthday to the best mom in the world!! 🎉🎂 love you loads",
			"Prices went up again this month, groceries are getting ridiculous",
			"thank u sm for the birthday wishes everyone, feeling very loved today 🥹",
			"The concert last night was LIT, still can't hear properly haha",
			"This update broke dark mode and the widgets. Please fix asap. #frustrated",
			"Weather today: 18 degrees, light rain in the afternoon, wind from the west.",
			"I wanted to love this phone but the camera is disappointing in low light.",
			"Yesss finally got the job!!! Starting Monday 🙌🙌",
			"The movie was okay, nothing great, nothing terrible. 6/10",
			"Terrible experience with delivery, package left in the rain and the box was soaked",
			"my dog is the goat, he learned to open the fridge 😂",
			"Absolutely gorgeous sunset tonight at the pier 🌅 #nofilter", "new phone who dis",
			"Stuck at the airport for 5 hours with no food options open. Fantastic. 😤",
			"Great food but the service was really slow and the waiter was rude.",
			"Love the design of the new model, hate the price tag", "Does anyone know if the store opens on Sunday?",
			"Still waiting on that refund... day 21. Not impressed @shop",
			"This community is so wholesome, thank you all for the support on my first stream ❤️",
			"rip my phone screen 2021-2024, it was a good run 😭",
			"The keynote was boring until the last ten minutes, then it got really interesting.",
			"Highly recommend this place, the staff went above and beyond for us",
			"Feeling under the weather today, staying home with tea and a blanket",
			"Why is everything so expensive?? A sandwich for 14 dollars is insane",
			"Big thanks to the volunteers who cleaned up the park this weekend 👏👏",
			"I'm so tired of these ads interrupting every video",
			"The sequel is even better than the original, didn't think that was possible",
			"Not sure how I feel about the new logo. It's... different.",
			"Best customer service I've had in years, they replaced it without any questions",
			"Goodnight everyone, big day tomorrow 😴");

	private SampleTexts() {
	}

}
