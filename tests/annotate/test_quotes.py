from sahifa.annotate import quotes
from sahifa.annotate.auto import annotate_text


def quotes_of(text: str) -> list[tuple[str, bool, str | None, str | None]]:
    """(quote, closed, cue, speaker) for `text` as one paragraph, after the whole pipeline."""
    result = annotate_text(text, [(0, len(text))])
    return [(text[q.start:q.end], q.closed, text[q.cue[0]:q.cue[1]] if q.cue else None,
             text[q.speaker.start:q.speaker.end] if q.speaker else None)
            for q in result.quotes]


def test_marks_pair_nest_and_an_unclosed_quote_runs_to_the_paragraph_end():
    text = "قال: «أولاً “داخلي” ثم» و«مفتوح حتى النهاية."
    assert quotes.marked_spans(text, 0, len(text)) == [
        (6, 22, True), (26, len(text), False)]
    straight = 'قال "نص بين علامتين" ثم'
    assert quotes.marked_spans(straight, 0, len(straight)) == [(5, 19, True)]


def test_a_closing_mark_without_an_opener_is_ignored():
    text = "نص» ثم «اقتباس»"
    assert quotes.marked_spans(text, 0, len(text)) == [(8, 14, True)]


def test_name_marking_guillemets_are_not_quotations():
    assert quotes_of("لكن «البنتاغون» مازال يرفض الرضوخ لأي تعاون") == []
    assert quotes_of("الذي نقله موقع «روسيا اليوم»، مع انعقاد جولة") == []
    assert quotes_of("قال: «نعم»") == []


def test_explicit_subject_after_the_cue_with_an_office_before_the_name():
    text = ("وقبل نحو أسبوعين أعرب وزير الخارجية الروسي سيرغي لافروف عن استعداد بلاده "
            "للتنسيق، «الواقعة في الجزء الشرقي من سورية»")
    assert quotes_of(text) == [("الواقعة في الجزء الشرقي من سورية", True, "أعرب",
                                "سيرغي لافروف")]


def test_cue_with_a_proclitic_and_an_elided_subject_takes_the_previous_speaker():
    text = ("أعرب وزير الخارجية الروسي سيرغي لافروف عن استعداد بلاده «للتنسيق مع التحالف "
            "الدولي». وتابع: «ربما ليس سراً إذا قلت ذلك»")
    got = quotes_of(text)
    assert got[1] == ("ربما ليس سراً إذا قلت ذلك", True, "تابع", "سيرغي لافروف")


def test_unclosed_quote_with_the_sentence_subject_as_speaker():
    text = ("وسارعت وزارة الخارجية الأميركية إلى نفي وجود هكذا عرض، وأكدت أن واشنطن «لا تخطط "
            "للعمل مع روسيا من أجل استرداد مدينتي الرقة وتدمر من داعش.")
    assert quotes_of(text) == [
        ("لا تخطط للعمل مع روسيا من أجل استرداد مدينتي الرقة وتدمر من داعش.", False, "أكدت",
         "وزارة الخارجية الأميركية")]


def test_qailan_resolves_to_the_subject_of_the_sentence():
    text = ("التقى الوزير أوليغ سيرومولوتوف بنظيره. وأعرب سيرومولوتوف في التصريح الذي "
            "نقلته وكالة «انترفاكس» الروسية للأنباء عن تفاؤل، "
            "قائلاً: «بدأت واشنطن تبصر الحقيقة»")
    assert quotes_of(text) == [("بدأت واشنطن تبصر الحقيقة", True, "قائلاً", "سيرومولوتوف")]


def test_pronoun_subject_resolves_to_the_nearest_person_before():
    text = ("وأقر الرئيس بيتر كوك في مؤتمر صحفي بأن روسيا تركز مساعيها. كما أشاد بالدور الذي "
            "يقوم به الروس «فيما يخص وقف الأعمال القتالية»")
    assert quotes_of(text) == [("فيما يخص وقف الأعمال القتالية", True, "أشاد", "بيتر كوك")]


def test_cue_after_the_quote():
    text = "«الوضع صعب جداً في المدينة»، قال الوزير أحمد سالم."
    assert quotes_of(text) == [("الوضع صعب جداً في المدينة", True, "قال", "أحمد سالم")]


def test_titles_after_a_classifier_and_short_uncued_quotes_are_not_quotations():
    assert quotes_of("شارك في مهرجان «الفيلم العربي في الخليج» هذا العام") == []
    assert quotes_of("انتشر وسم «لا يوجد شقة للإيجار» على الشبكات") == []
    long_uncued = "«هذه الجريمة البشعة ما كانت لتحدث لولا إصرار الحكومة على الاستيطان»"
    assert quotes_of(long_uncued) == [(long_uncued[1:-1], True, None, None)]


def test_a_subject_that_names_nobody_gives_no_speaker():
    text = "وأقر الوزير أحمد سالم بذلك. وقال المصدر إن «القوات تتقدم نحو المدينة منذ الصباح»"
    assert quotes_of(text) == [("القوات تتقدم نحو المدينة منذ الصباح", True, "قال", None)]


def test_a_pronoun_before_the_cue_keeps_the_speaker_of_the_paragraph():
    text = ("وقال الوزير أحمد سالم إن «الوضع صعب في المدينة اليوم»، لكنه ربط تحقيق الهدف "
            "بحدوث «تغيرات من النظام السوري»")
    assert [q[3] for q in quotes_of(text)] == ["أحمد سالم", "أحمد سالم"]
