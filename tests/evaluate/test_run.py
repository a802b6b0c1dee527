from sahifa.annotate import text
from sahifa.evaluate.run import timed


def test_timed_gives_every_result_and_times_all_but_the_first():
    calls = []

    def annotate(item):
        calls.append(item)
        return item * 2

    results, speed = timed(annotate, [1, 2, 3], "sentences")
    assert results == [2, 4, 6] and calls == [1, 2, 3]
    assert (speed.documents, speed.unit) == (2, "sentences") and speed.seconds >= 0
    assert timed(annotate, [4], "articles") == ([8], None)


def test_timed_starts_from_empty_word_caches():
    text.key("كتاب")
    sizes, _ = timed(lambda item: text.key.cache_info().currsize, [0], "articles")
    assert sizes == [0]
