"""Anonymous feedback on sessions: reads, results, charts, exports and the answer form.

Writes live in ``training.services.feedback``; the models in ``training.models.feedback`` (read
its docstring on anonymity). An attendee is a confirmed enrolment whose outcome is completed or
incomplete: they were there, at least partly. Results per session are shown from
``settings.FEEDBACK_MIN_ANSWERS`` answers on, so that nobody's answers can be picked out; results
over several sessions count only the sessions that have that many. Answers wait
(``FeedbackPending``) until they can be released together with enough others.
"""
