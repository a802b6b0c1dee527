from sahifa.annotate import quotes
from sahifa.annotate.auto import annotate_text
from sahifa.annotate.text import Mention


def quotes_of(text: str) -> list[tuple[str, bool, str | None, str | None]]:
    """(quote, closed, cue, speaker) for `text` as one paragraph, after the whole pipeline."""
    result = annotate_text(text, [(0, len(text))], "rules")
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


def test_a_guillemet_written_for_a_closer_closes_the_name_it_follows():
    text = "وأكد أنه «لا يقبل بعون لأنه مرشح فريق «8 مارس « وقام بتأمين الغطاء» ثم غادر."
    ((start, end, closed),) = quotes.marked_spans(text, 0, len(text))
    assert (text[start:end], closed) == (
        "لا يقبل بعون لأنه مرشح فريق «8 مارس « وقام بتأمين الغطاء", True)
    opener = "قال: « نحن هنا» وغادر."  # a « with a space after it still opens a quote
    assert [opener[s:e] for s, e, _ in quotes.marked_spans(opener, 0, len(opener))] == [
        "نحن هنا"]


def test_a_closing_guillemet_or_curly_mark_after_a_colon_opens_a_quote():
    text = ("قالت الدكتورة فوزية خان:»نتابع كل يوم الإنجازات الأمنية»، مضيفة:»نحن كمجتمع علينا دور "
            "كبير كل في موقعه« ثم غادرت.")
    assert [q[0] for q in quotes_of(text)] == [
        "نتابع كل يوم الإنجازات الأمنية", "نحن كمجتمع علينا دور كبير كل في موقعه"]
    assert {q[3] for q in quotes_of(text)} == {"فوزية خان"}
    curly = "قال الحربي: ” مقر المهرجان جاهز لاستقبال الزوار”، مضيفا: ” سيكون هناك أوبريت“ غدا."
    assert [curly[s:e] for s, e, _ in quotes.marked_spans(curly, 0, len(curly))] == [
        "مقر المهرجان جاهز لاستقبال الزوار", "سيكون هناك أوبريت"]
    stray = "نص» ثم قال: نعم»"  # a » after no colon opens nothing
    assert quotes.marked_spans(stray, 0, len(stray)) == []


def test_name_marking_guillemets_are_not_quotations():
    assert quotes_of("لكن «البنتاغون» مازال يرفض الرضوخ لأي تعاون") == []
    assert quotes_of("الذي نقله موقع «روسيا اليوم»، مع انعقاد جولة") == []
    assert quotes_of("بحسب ما ذكرت صحيفتا «ذي دايلي مايل» البريطانية") == []
    assert quotes_of("لم يشارك الرباعي «نواف العابد، عبدالمجيد السواط، عبدالله عطيف»") == []


def test_marks_after_a_colon_hold_speech_however_short():
    assert quotes_of("قال: «نعم»") == [("نعم", True, "قال", None)]
    assert quotes_of("فينادونها ساخرين: «فكي شنطتك!»") == [("فكي شنطتك!", True, None, None)]


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


def test_reversed_marks_pair_and_white_space_inside_marks_is_left_out():
    text = "وقال الوزير أحمد سالم: ” الوضع تحت السيطرة تماما “ ثم غادر"
    (quote,) = quotes.marked_spans(text, 0, len(text))
    assert text[quote[0]:quote[1]] == "الوضع تحت السيطرة تماما" and quote[2]
    stray = "نص ” بلا شريك"
    assert quotes.marked_spans(stray, 0, len(stray)) == []


def test_a_quote_reopened_in_the_next_paragraph_continues_the_unclosed_one():
    first = "وقال الوزير أحمد سالم: «سنبدأ العمل في المشروع خلال أيام"
    second = "«وسننتهي منه قبل نهاية العام المقبل بإذن الله»"
    text = first + "\n" + second
    found = annotate_text(text, [(0, len(first)), (len(first) + 1, len(text))], "rules")
    assert [(text[q.start:q.end], q.closed) for q in found.quotes] == [
        (first.split("«")[1], False), (second[1:-1], True)]
    assert found.quotes[1].speaker == found.quotes[0].speaker is not None
    assert found.quotes[1].cue is None


def test_a_name_no_entity_annotator_knows_becomes_the_speaker_and_an_entity():
    text = 'وقال دي ماريا بعد التوقيع "أنا فخور ومتحمس لارتداء قميص النادي الجديد"'
    found = annotate_text(text, [(0, len(text))], "rules")
    (quote,) = found.quotes
    assert (text[quote.speaker.start:quote.speaker.end], quote.speaker.label,
            quote.speaker.annotator) == ("دي ماريا", "PERS", quotes.ANNOTATOR)
    assert quote.speaker in found.mentions


def test_names_after_nationality_office_rank_and_role():
    cases = {
        "قال القطري ناصر الخليفي رئيس النادي: «إننا فخورون بهذا اللاعب الموهوب جدا»":
            "ناصر الخليفي",
        "قال المتحدث باسم الدفاع المدني العقيد منصور الدوسري: «تلقينا البلاغ في الساعة الواحدة»":
            "منصور الدوسري",
        "قال وزير الدفاع الأمريكي، جيمس ماتيس، إنه يحتاج إلى «المزيد من المعلومات عن الهجوم»":
            "جيمس ماتيس",
        "وقالت سلمى انتيف عضوة اللجنة: «إن الحملات التي أقامتها اللجنة من أروع الحملات»":
            "سلمى انتيف",
    }
    for text, speaker in cases.items():
        assert [s for *_, s in quotes_of(text)] == [speaker], text


def test_an_elided_subject_refers_to_the_last_named_reporter_across_paragraphs():
    first = "وقال المحلل في الشؤون الاقتصادية كريس غرين لبي بي سي إن الخطط نجحت."
    second = "وأضاف: «يتمثل التحدي في تشجيع المزيد من الناس على إعادة التدوير»"
    text = first + "\n" + second
    found = annotate_text(text, [(0, len(first)), (len(first) + 1, len(text))], "rules")
    (quote,) = found.quotes
    assert text[quote.speaker.start:quote.speaker.end] == "كريس غرين"


def test_an_elided_subject_after_an_unnamed_office_holder_quoted_refers_to_that_office():
    first = "أعلنت وزارة الخارجية العمانية أن الرهينة وصلت إلى مسقط."
    second = ("وقال المتحدث باسم الخارجية العمانية إن «السلطنة تمكنت من العثور عليها». "
              "وأضاف أن البحث جرى «بناء على التوجيهات السامية».")
    text = first + "\n" + second
    found = annotate_text(text, [(0, len(first)), (len(first) + 1, len(text))], "rules")
    assert [text[q.speaker.start:q.speaker.end] for q in found.quotes] == [
        "المتحدث باسم الخارجية العمانية"] * 2


def test_a_document_speaks_for_its_issuer_or_for_nobody():
    issued = ("توفي الأمير سعود الفيصل أمس. وجاء في بيان صادر عن وزارة الخارجية العمانية: "
              "«بقلوب مؤمنة بقضاء الله وقدره نعرب عن أحر التعازي». وقال بيان لوزارة الصحة إن "
              "«الوضع الصحي مطمئن جدا ولا داعي للقلق من انتشار المرض».")
    assert [q[3] for q in quotes_of(issued)] == ["وزارة الخارجية العمانية", "وزارة الصحة"]
    published = ("وقال تقرير أصدرته أمس منظمة الصحة العالمية إن «البرامج وصلت إلى ملايين "
                 "الأطفال في مناطق الحروب والاشتباكات».")
    assert [q[3] for q in quotes_of(published)] == ["منظمة الصحة العالمية"]
    back = ("أكدت الرئاسة الفرنسية أن «فرنسا بذلت كل جهودها من أجل هذه النهاية السعيدة»، "
            "مشيرة إلى أن الرئيس فرنسوا هولاند يشكر الجميع. وأكد البيان أن الرئيس "
            "«يشاطر عائلة إيزابيل فرحتها».")
    assert [q[3] for q in quotes_of(back)] == ["الرئاسة الفرنسية"] * 2
    nobody = ("قال الرئيس فرنسوا هولاند إن الوضع صعب. وأضاف التقرير أن «المشاريع في هذا المجال "
              "حققت نتائج جيدة جدا في الأعوام الماضية».")
    assert [q[3] for q in quotes_of(nobody)] == [None]


def test_a_role_without_a_name_links_the_nearest_mention_of_the_last_speaker():
    text = ("قال المدرب البرتغالي جوسيه مورينيو، المدير الفني للفريق، إن المنافسين يشترون. "
            "وتعاقد النادي مع مورينيو عام 2004. وقال المدير الفني: «علينا أن نكون أقوياء "
            "وأن نحاول الفوز من جديد»")
    assert [s for *_, s in quotes_of(text)] == ["مورينيو"]
    (quote,) = annotate_text(text, [(0, len(text))], "rules").quotes
    assert text[quote.speaker.start:quote.speaker.end] == "مورينيو"
    assert quote.speaker.start > text.index("وتعاقد")


def test_unnamed_sources_give_the_entity_in_their_phrase_or_nobody():
    assert quotes_of("وقالت مصادر فلسطينية إن «الشركة لم تحول الأموال المستحقة منذ أشهر»") \
        == [("الشركة لم تحول الأموال المستحقة منذ أشهر", True, "قالت", "فلسطينية")]
    assert quotes_of("وقالت مصادر مطلعة إن «الشركة لم تحول الأموال المستحقة منذ أشهر»") \
        == [("الشركة لم تحول الأموال المستحقة منذ أشهر", True, "قالت", None)]


def test_a_name_that_begins_like_a_clitic_is_no_cue_and_can_speak():
    text = "قال كيري في مؤتمر صحفي: «سنواصل العمل مع شركائنا في المنطقة»"
    assert quotes_of(text) == [("سنواصل العمل مع شركائنا في المنطقة", True, "قال", "كيري")]


def test_a_headline_names_its_speaker_before_the_colon():
    assert quotes_of("كيري: «سنواصل العمل مع شركائنا»") == [
        ("سنواصل العمل مع شركائنا", True, None, "كيري")]


def test_a_short_quote_far_from_any_reporting_word_is_a_title():
    text = ("أكد رئيس البعثة أن الفريق حقق إنجازا كبيرا في البطولة التي شارك فيها أكثر من "
            "خمسين منتخبا من القارات كلها، وأثمر عن نيلهم ميداليات متنوعة «ثلاث ذهبية وفضيتان»")
    assert quotes_of(text) == []


def test_speakers_relayed_by_an_agency_named_in_a_relative_clause_or_as_an_organisation():
    cases = {
        "ونقلت الوكالة الرسمية عن الوزير أحمد سالم قوله: «أمام الشركة مهلة ستين يوما للانسحاب»":
            "أحمد سالم",
        "أجرت الصحيفة اتصالا بالوزير أحمد سالم الذي أكد: «لم يحصل أي اتصال رسمي بيننا حتى الآن»":
            "أحمد سالم",
        "وقالت سلطة الطاقة والموارد الطبيعية إن «محطة التوليد ستتوقف عن العمل خلال ساعات»":
            "سلطة الطاقة والموارد الطبيعية",
        "يقول براك، المدير التنفيذي للجائزة: «نريد أن نوضح لصناع القرار ما يمكن فعله»": "براك",
        "ويقول المدير العام للصحيفة الأستاذ علي الحازمي: «الصحيفة رائدة في استخدام التقنية»":
            "علي الحازمي",
    }
    for text, speaker in cases.items():
        assert [s for *_, s in quotes_of(text)] == [speaker], text


def test_a_preposition_after_the_verb_is_no_name():
    text = ("لفت نائب وزير الخارجية الروسي أوليغ سيرومولوتوف إلى ذلك، فقد أعاد التذكير بموقف "
            "رئيس الدبلوماسية الروسية «حول كوننا مستعدين منذ البداية لتنسيق خطواتنا»")
    assert [s for *_, s in quotes_of(text)] == ["أوليغ سيرومولوتوف"]


def test_a_family_name_alone_is_the_person_named_before():
    text = ("قال وزير الداخلية سعود القحطاني إن الوضع مستقر. وأكد القحطاني في كلمته: «قوات "
            "الأمن جاهزة لأداء مهامها»")
    (quote,) = annotate_text(text, [(0, len(text))], "rules").quotes
    assert (quote.speaker.start, quote.speaker.end) == (
        text.index("القحطاني في"), text.index("القحطاني في") + len("القحطاني"))


def test_a_name_from_a_given_name_on_speaks_whatever_follows_it():
    text = 'وقال سعد العازمي والد الطفلة ل"الوطن" إن "ابنتي عانت كثيرا في المستشفى".'
    assert quotes_of(text) == [("ابنتي عانت كثيرا في المستشفى", True, "قال", "سعد العازمي")]


def test_a_subject_before_the_verb_speaks_when_none_follows_it():
    text = 'الوكيل الاقتصادي للوزارة محمد السامرائي أكد أن «المهرجان تجربة فريدة من نوعها».'
    assert quotes_of(text)[0][2:] == ("أكد", "محمد السامرائي")
    anonymous = 'غير أن مختصين آخرين يقولون "إن التراجع المتوقع في الأسعار لن يدوم طويلا".'
    assert quotes_of(anonymous)[0][2:] == ("يقولون", None)


def test_the_person_an_institution_is_named_after_does_not_speak():
    text = ('وقال وكيل جامعة الملك فهد للبترول والمعادن الدكتور سهل بن نشأت: "إن البرنامج '
            'يخدم الخريجين في كل المناطق".')
    assert quotes_of(text)[0][3] == "سهل بن نشأت"


def test_a_noun_and_its_adjectives_are_no_speaker():
    text = ('أعلن رئيس اللجنة عن وضع خطة أمنية رصينة لحماية المواطنين، مؤكدا أن «الأجهزة '
            'ستكثف وجودها في الطرق كلها».')
    assert quotes_of(text)[0][3] is None


def test_an_elided_feminine_subject_skips_the_man_quoted_before():
    text = ('وقال كريستوفر موتسفانغوا: «الانتخابات ستجري في موعدها». وقالت تشاريتي شارامبا: '
            '«نحن مستعدون تماما». وأضافت: «لن نتأخر يوما واحدا عن الموعد».')
    speakers = [q[3] for q in quotes_of(text)]
    assert speakers == ["كريستوفر موتسفانغوا", "تشاريتي شارامبا", "تشاريتي شارامبا"]
    text = ('وقالت تشاريتي شارامبا: «نحن مستعدون تماما». وقال كريستوفر موتسفانغوا: '
            '«الانتخابات في موعدها». وأضافت: «لن نتأخر يوما واحدا عن الموعد».')
    assert quotes_of(text)[2][3] == "تشاريتي شارامبا"


def test_the_outlet_named_after_the_verb_is_passed_over():
    text = 'يقول ل "الاقتصادية"، ديفيد جيبسون، "إن الأسعار سترتفع في الربع المقبل".'
    assert quotes_of(text)[0][3] == "ديفيد جيبسون"


def test_a_family_name_after_a_preposition_before_a_relative_clause_speaks():
    text = ('أجرت الصحيفة اتصالا بالرويلي الذي أكد متابعته للخبر وقال: "لم يحصل أي اتصال رسمي '
            'بيني وبين النادي".')
    assert quotes_of(text)[0][3] == "الرويلي"


def test_two_words_in_reported_speech_are_a_partial_quote():
    text = "أكد وزير الخارجية البحريني أن الحكومة السورية هي «حكومة شرعية» وأن بلاده تتعامل معها"
    assert quotes_of(text) == [("حكومة شرعية", True, "أكد", "وزير الخارجية البحريني")]


def test_two_words_without_reported_speech_or_opening_with_al_are_no_quote():
    assert quotes_of("تواصل الحملة أعمالها تحت شعار «وطن آمن» في المدن كلها") == []
    assert quotes_of("وقال المدرب إن فريقه يواجه «الشياطين الحمر» غدا") == []


def test_marks_after_an_organisation_or_a_preposition_hold_its_name():
    text = ("وقال الوزير في مقابلة مع منظمة الصحة العالمية «دبليو إتش أو» إن بلاده مستعدة، "
            "وذكرت مصادر لـ«سكاي نيوز عربية» أن الاجتماع تأجل")
    mentions = annotate_text(text, [(0, len(text))], "rules").mentions
    assert any(text[m.start:m.end] == "منظمة الصحة العالمية" and m.label == "ORG"
               for m in mentions)
    assert quotes_of(text) == []
    assert quotes_of(text.replace("منظمة الصحة العالمية", "الصحفيين")) == [
        ("دبليو إتش أو", True, "قال", "الوزير")]


def test_a_blessing_a_number_range_or_a_title_after_a_colon_is_no_quote():
    assert quotes_of("كتبت المخطوطة في عصر النبي محمد «صلى الله عليه وسلم» كما قال الباحث") == []
    assert quotes_of("وأوضح أن النصوص تحتوي على أجزاء من السور «18 إلى 20» من القرآن") == []
    assert quotes_of("ونشرت الصحيفة تقريرا تحت عنوان: «عن تعليق الجزيرة ورواد التواصل "
                     "الاجتماعي على بعض صفحات الكتب»") == []


def test_an_office_holder_nobody_named_speaks_through_the_office():
    text = "وقال وزير الصحة: «الوضع تحت السيطرة تماما»"
    assert quotes_of(text) == [("الوضع تحت السيطرة تماما", True, "قال", "وزير الصحة")]


def test_a_definite_source_refers_back_to_the_organisation_that_spoke():
    text = ("وأوضحت وزارة الداخلية في بيان أن «الرجلين اتهما بالسرقة تحت تهديد السلاح». "
            "وأضاف المصدر أن «التحقيق متواصل بشكل نشط منذ أيام»")
    assert [q[3] for q in quotes_of(text)] == ["وزارة الداخلية", "وزارة الداخلية"]


def test_a_name_in_marks_right_after_the_verb_is_its_subject():
    text = ("وزار الأمين العام سعد العازمي المركز أمس. وقال \"العازمي\": \"قضايا التحرش لم تصل "
            "إلى مستوى الظاهرة\"")
    assert quotes_of(text) == [("قضايا التحرش لم تصل إلى مستوى الظاهرة", True, "قال", "العازمي")]


def test_a_subject_named_after_kana_speaks_for_a_later_verb():
    text = ("وكان المهاجم سعد الخزري، الذي سجل الهدف، صرح للتلفزيون التونسي: "
            "«لقد خسرنا المعركة وليس الحرب»")
    assert [q[3] for q in quotes_of(text)] == ["سعد الخزري"]


def test_a_name_between_commas_after_a_description_is_the_subject():
    text = ("ووصف زعيم الجمهوريين في ولاية إلينوي، جيم دوركين، هذه المزاعم بأنها «مثيرة "
            "للقلق» وطالب بالتحقيق")
    assert quotes_of(text) == [("مثيرة للقلق", True, "وصف", "جيم دوركين")]


def test_a_name_in_marks_after_a_relaying_an_is_the_speaker_and_stays_so():
    text = ("ونقل موقع الوكالة عن \"فالون\" الذي يزور العراق حاليا، أن \"الطائرات ساعدت القوات "
            "العراقية على الأرض\".\nوأوضح: \"نريد ضمان المحافظة على وتيرة العمليات\"")
    paragraphs = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    found = annotate_text(text, paragraphs, "rules").quotes
    assert [text[q.speaker.start:q.speaker.end] for q in found] == ["فالون", "فالون"]


def test_a_quote_left_open_continues_into_a_paragraph_that_closes_it():
    text = ("وأضاف الباحث أحمد سالم أن «النصوص هي نفسها النصوص المعروفة اليوم.\n"
            "وهذا يدعم وجهة النظر السائدة». ثم غادر")
    paragraphs = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    found = annotate_text(text, paragraphs, "rules").quotes
    assert [(text[q.start:q.end], q.closed) for q in found] == [
        ("النصوص هي نفسها النصوص المعروفة اليوم.", False), ("وهذا يدعم وجهة النظر السائدة", True)]
    assert found[0].speaker == found[1].speaker is not None


def test_a_collapsed_paragraph_break_ends_an_unclosed_straight_quote():
    text = ('ونقل الموقع عن وزير الخارجية جون كيري أن "الطائرات ساعدت القوات على دفع '
            'عناصر التنظيم.   '
            'وأوضح: "نريد ضمان المحافظة على وتيرة العمليات".   ثم غادر')
    assert quotes_of(text) == [
        ("الطائرات ساعدت القوات على دفع عناصر التنظيم.", False, "نقل", "جون كيري"),
        ("نريد ضمان المحافظة على وتيرة العمليات", True, "أوضح", "جون كيري")]
    reopened = 'وقال فالون: «النصوص هي نفسها.   وهذا يدعم وجهة النظر». ثم غادر'
    assert [q[:2] for q in quotes_of(reopened)] == [
        ("النصوص هي نفسها.", False), ("وهذا يدعم وجهة النظر", True)]


def test_an_outlet_named_in_marks_after_its_classifier_is_the_speaker():
    text = "أعلنت وكالة أنباء \"فارس\" الإيرانية أن الهجوم كان \"ردا حاسما\" على الاعتداء"
    assert quotes_of(text) == [("ردا حاسما", True, "أعلنت", "فارس")]


def test_two_words_after_a_noun_name_something_even_in_reported_speech():
    assert quotes_of("وأضاف أن جريدة «عرب نيوز» واصلت اهتمامها بالقضايا المحلية") == []
    assert quotes_of("وقال إن الحرب على الإرهاب ستكون «محور المناقشات» بين البلدين") == [
        ("محور المناقشات", True, "قال", None)]


def test_an_outlet_in_marks_after_a_dateline_is_no_quote():
    assert quotes_of("لندن - برلين: «الشرق الأوسط» بيعت في العاصمة الألمانية سيارة سباق") == []


def test_a_name_whose_second_word_opens_with_waw_runs_to_its_comma():
    text = ('وقالت جوليا واتسون، مديرة المتحف الوطني، إن المعرض يفتح غدا. '
            'وأضافت: «نحن سعداء بهذا اليوم».')
    assert quotes_of(text) == [("نحن سعداء بهذا اليوم", True, "أضافت", "جوليا واتسون")]
    text = 'وقال مساء أمس، في بيان صحفي: «نحن سعداء بهذا اليوم».'
    assert quotes_of(text)[0][3] is None


def test_a_family_name_alone_after_the_verb_speaks_when_the_article_gave_it_in_full():
    text = ('ودعا إمام الجمعة صدر الدين القبنجي إلى الهدوء. وقال القبنجي في خطبته إن '
            '«عوامل عدة تدعو لسخط الناس».')
    assert quotes_of(text)[0][3] == "القبنجي"
    text = 'وأشار المحيط الهادي إلى أن «العاصفة تقترب من الساحل».'
    assert quotes_of(text)[0][3] is None


def test_a_manner_word_after_the_verb_is_no_speaker():
    text = ('وقال كريستوفر موتسفانغوا: «الانتخابات ستجري في موعدها». '
            'وأضاف مازحا: «لن نتأخر يوما واحدا عن الموعد».')
    assert [q[3] for q in quotes_of(text)] == ["كريستوفر موتسفانغوا"] * 2
    text = text.replace("وأضاف مازحا:", "وقال ردا على سؤال:")
    assert [q[3] for q in quotes_of(text)] == ["كريستوفر موتسفانغوا"] * 2


def test_an_honorific_pronoun_speaks_for_the_person_with_its_title():
    text = ('استقبل صاحب السمو الملكي الأمير فيصل بن سلمان أمير المدينة المنورة أمس '
            'الدكتور أحمد العيسى. وقال سموه في كلمته: «نحن فخورون بكم جميعا».')
    assert quotes_of(text)[0][3] == "فيصل بن سلمان"


def test_abar_is_a_cue_only_before_an_and_a_preposition_otherwise():
    text = 'وكتب الفريق ضاحي خلفان عبر حسابه في تويتر: «لن نسكت عن الإساءة».'
    assert quotes_of(text)[0][2:] == ("كتب", "ضاحي خلفان")



def test_an_elided_subject_after_an_unnamed_source_speaks_through_its_nationality():
    text = ('وأكد داود أوغلو أن «أدنى تحرك يشكل خطرا على تركيا». وأوضح مسؤول تركي أن الضربات '
            'وقائية. وأضاف: «لا نريد أن نرى أي تهديد على حدودنا».')
    assert [q[3] for q in quotes_of(text)] == ["داود أوغلو", "تركي"]


def test_two_words_opening_with_a_copula_in_reported_speech_are_a_partial_quote():
    text = ('قال الرئيس الأمريكي دونالد ترامب إن علاقة الولايات المتحدة مع تركيا '
            '"ليست جيدة" حاليا.')
    assert quotes_of(text) == [("ليست جيدة", True, "قال", "دونالد ترامب")]


def test_a_weekday_after_a_name_is_no_family_name():
    text = ('وأعلن المفوض الأوروبي بيار موسكوفيسي الأربعاء أن «بروكسل تأمل التوصل إلى اتفاق '
            'قريب».')
    assert quotes_of(text)[0][3] == "بيار موسكوفيسي"


def test_a_name_inside_an_office_mention_is_the_speaker():
    text = 'وقال الناطق باسم الصندوق جيري رايس إن «الطريق يبدو صعبا ولسنا سوى في البداية».'
    office = text.index("الناطق"), text.index(" إن")
    found = quotes.find(text, [(0, len(text))], [Mention(*office, "OCC", "crf@5")])
    assert text[found[0].speaker.start:found[0].speaker.end] == "جيري رايس"


def test_a_kunya_opens_a_name_even_when_its_second_word_ends_in_ta_marbuta():
    text = 'وأضاف أبو عباة: "الشركتان لم تواجها صعوبات تذكر في تركيبه".'
    assert quotes_of(text)[0][3] == "أبو عباة"


def test_a_prepositional_phrase_after_a_role_is_no_name():
    text = ("وقالت المفوضة ماريان تايسن المكلفة بملف التوظيف، إن «البطالة طويلة الأجل تعتبر "
            "واحدة من التحديات».")
    assert quotes_of(text)[0][3] is None


def test_the_subject_comes_after_an_outlet_named_without_a_comma():
    text = ("وقال لـ«عكاظ» المتحدث الإعلامي لهيئة الهلال الأحمر بالمنطقة خالد مرضي العنزي "
            "«باشرت الفرق الإسعافية الحادث».")
    assert quotes_of(text)[0][3] == "خالد مرضي العنزي"


def test_one_word_in_ha_and_a_pronoun_after_an_are_no_names():
    assert quotes_of('واختتم أعماله بالقول إن "الأمة يهددها الإرهاب المتطرف".')[0][3] is None
    assert quotes_of('وتضيف إنهن "نحظى بزبائن من مختلف الأعمار دائما".')[0][3] is None


def test_an_organisation_noun_with_its_nationality_is_the_speaker():
    text = "وبعد إطلاق سراحها، أكدت الرئاسة الفرنسية أن «فرنسا بذلت كل جهودها من أجل هذه النهاية»."
    assert quotes_of(text)[0][3] == "الرئاسة الفرنسية"


def test_an_office_holder_nobody_named_is_no_organisation_named_before():
    text = ("أفادت وزارة الخارجية العمانية في بيان أن الرهينة وصلت. وقال المتحدث باسم الخارجية "
            "العمانية في بيانه إن «الجهات المعنية تمكنت من العثور على المذكورة».")
    assert quotes_of(text)[0][3] == "المتحدث باسم الخارجية العمانية"


def test_a_reporting_word_after_adam_is_no_cue():
    text = "وبحسب المسؤول الذي فضل عدم ذكر اسمه، فإن «ويب سيعنى بتكليفات الحكام في الدوري»."
    assert quotes_of(text)[0][2] == "بحسب"


def test_a_person_after_a_rank_speaks_though_a_mention_of_another_label_starts_at_the_rank():
    text = "وقال الفريق المحرج في تصريح صحافي: «لقد وصلت إلى منطقة عسير اليوم»"
    start = text.index("الفريق")
    found = [Mention(start, start + len("الفريق المحرج"), "ORG", "crf@6"),
             Mention(text.index("المحرج"), text.index("المحرج") + 6, "PERS", "persons@3")]
    speaker = quotes.find(text, [(0, len(text))], found)[0].speaker
    assert text[speaker.start:speaker.end] == "المحرج"


def test_a_participle_cue_speaks_for_the_office_that_is_its_sentences_subject():
    text = ("وقال العميد المحرج إن الوضع مطمئن. ووجه مدير الأمن العام رسالة إلى أعداء الدين "
            "والعقيدة والوطن قائلاً: «مهما حاولتم فلن تثنونا عن ديننا».")
    named = [("العميد", "OCC"), ("المحرج", "PERS"), ("مدير الأمن العام", "OCC")]
    assert _speaker(text, named) == "مدير الأمن العام"
    text = text.replace("العام رسالة", "العام فهد الشهري رسالة")
    assert _speaker(text, [*named, ("فهد الشهري", "PERS")]) == "فهد الشهري"


def _speaker(text: str, named: list[tuple[str, str]]) -> str:
    """The first quotation's speaker in `text`, given the mentions of these words."""
    found = [Mention(text.index(words), text.index(words) + len(words), label, "test")
             for words, label in named]
    speaker = quotes.find(text, [(0, len(text))], found)[0].speaker
    return text[speaker.start:speaker.end]


def test_a_sentence_ends_at_a_full_stop_glued_to_a_closing_mark_and_the_next_word():
    text = ("وأضاف سعد العازمي: «القرار صائب».وقال النائب خالد الفالح: «الحكومة باقية»، "
            "محذراً من أن «عدم حل الأزمات يضر بالدولة».")
    assert quotes_of(text)[-1][3] == "خالد الفالح"


def test_a_family_name_alone_speaks_when_the_article_gave_it_after_a_listed_given_name():
    text = ("وقال المهندس محمد العمرة إن السياحة تنمو. وأضاف العمرة: «الأرقام مشجعة». "
            "ويقبل الأطفال على كتب الأطفال. وتابع الأطفال: «نحب القراءة».")
    assert [q[3] for q in quotes_of(text)] == ["العمرة", None]
    text = "وأشار علي الليثي إلى الخطة. وأوضح الليثي أنه «سيتم إطلاق موقع إلكتروني»."
    assert quotes_of(text)[0][3] == "الليثي"


def test_an_organisation_in_marks_after_the_verb_is_the_speaker():
    text = "في هذا الوقت، أكد «المرصد السوري لحقوق الإنسان»، أن «فصائل المعارضة تقدمت»."
    assert quotes_of(text)[0][3] == "المرصد السوري لحقوق الإنسان"
    assert quotes_of(text.replace("«المرصد", "«مرصد"))[0][3] is None


def test_ali_after_the_verb_opens_a_name_not_the_preposition():
    text = "وقال علي الدغريري: «تعرض شقيقي لحادث سير»."
    assert quotes_of(text)[0][3] == "علي الدغريري"


def test_an_elided_subject_takes_a_known_surname_after_its_sentences_first_verb():
    text = ("قال سعد العازمي إن الفريق جاهز. وأكد خالد الفالح أن المباراة صعبة. "
            "وأبدى العازمي رضاه التام وقال: «ركزنا على اللياقة»")
    named = [("سعد العازمي", "PERS"), ("خالد الفالح", "PERS")]
    assert _speaker(text, named) == "العازمي"


def test_a_definite_source_noun_speaks_through_the_nationality_of_the_source_before():
    text = ("افاد مصدر دبلوماسي تركي انه تم تأجيل زيارة ظريف. وقال المصدر، الذي طلب عدم كشف "
            "اسمه، “تم تأجيل الزيارة الى موعد لاحق”.")
    assert quotes_of(text)[0][3] == "تركي"


def test_a_family_name_alone_after_a_rank_or_honorific_is_the_speaker():
    assert quotes_of("وقال الدكتور الشمري: «إن العيد الذي يأتي بعد الصيام جميل».")[0][3] == \
        "الشمري"
    assert quotes_of("وأشار اللواء التركي إلى أن «الخلية كانت تخطط لهجمات».")[0][3] == "التركي"
    assert quotes_of("وقال الدكتور الطيار الركن: «الطائرات جاهزة للإقلاع».")[0][3] is None


def test_a_reporting_participle_names_no_subject_after_itself():
    text = ("وقال أبو محمد العدناني إن الحرب مستمرة، مؤكدا تحويل رمضان إلى شهر «وبال على "
            "الكافرين والمرتدين في كل مكان».")
    assert quotes_of(text)[0][3] == "أبو محمد العدناني"


def test_a_word_of_manner_ends_a_name_made_for_a_speaker():
    text = "ويضيف أبو هنية مستطردا: «معظم المتطرفين في سوريا جاؤوا من السجون»."
    assert quotes_of(text)[0][3] == "أبو هنية"


def test_one_word_after_kana_is_no_name_made_for_a_speaker():
    text = ("وقال سعد العازمي إن الفريق جاهز. وعما إذا كانت تتابع حاليا مسلسلات رمضان "
            "أجابت: «بالكاد أستطيع أن أتابع مسلسلا واحدا».")
    assert quotes_of(text)[0][3] != "تتابع"


def test_a_function_word_after_wa_opens_no_name_made_for_a_speaker():
    assert quotes_of("فقال وهو يبتسم: «لأن لونه الجميل انتقل لخدودك»")[0][3] is None


def test_a_given_name_read_as_a_nationality_opens_the_speakers_name():
    text = 'وقال تركي الغنيماوي وكيل رئيس محافظ واسط في تصريح صحفي إن "الانتاج سيرتفع كثيرا".'
    assert quotes_of(text)[0][3] == "تركي الغنيماوي"
    assert quotes_of('وقال تركي إن "الانتاج سيرتفع كثيرا".')[0][3] is None


def test_no_made_speaker_name_runs_into_a_reporting_word_or_past_a_verbs_particle():
    text = 'وذكرت شينخوا نقلا عن متحدث باسم الهيئة لم تذكر اسمه ان "في الامر خطأ كبيرا جدا".'
    assert quotes_of(text)[0][3] is None


def test_a_name_ends_in_a_word_in_lam_only_before_a_comma():
    text = 'يقول توني لانينج، وهو مدير محفظة في لندن، إن "الأسعار ستبقى منخفضة لفترة أطول".'
    assert quotes_of(text)[0][3] == "توني لانينج"
    text = 'وقال ألكسندر زاخارتشنكو لعدد من الصحفيين إن "الحرب لن تنتهي قريبا أبدا".'
    assert "لعدد" not in (quotes_of(text)[0][3] or "")


def test_a_bracket_a_dash_or_a_time_noun_after_a_name_shows_it_is_the_subject():
    assert quotes_of('وقالت هونغ (67 عاما) "مبادئ السلام والانفتاح مهمة".')[0][3] == "هونغ"
    text = 'وقالت رفيف القحطاني -طالبة جامعية-: "ما إن تغيب شمس اليوم الأول حتى نمل".'
    assert quotes_of(text)[0][3] == "رفيف القحطاني"
    assert quotes_of('وقال دادلي الأسبوع الماضي "إنه وقت عصيب حقا".')[0][3] == "دادلي"


def test_the_definite_genitive_of_an_indefinite_document_noun_is_its_issuer():
    text = 'واكد بيان البيت الابيض ان "الولايات المتحدة وتركيا ستعملان معا".'
    assert quotes_of(text)[0][3] == "البيت الابيض"
    assert quotes_of('واكد بيان اليوم ان "الولايات المتحدة وتركيا ستعملان معا".')[0][3] is None


def test_no_made_speaker_name_is_a_preposition_phrase_or_holds_a_document_noun():
    text = 'وقال الحذيفي في تصريح صحافي "إنه بالتعاون مع التحالف تم تحرير المدينة".'
    assert quotes_of(text)[0][3] != "تصريح صحافي"
    text = "وأشار ملخص تقرير لجنة التحقيق إلى أن «الممارسات المحاسبية غير مناسبة»."
    assert quotes_of(text)[0][3] is None
    text = "وأضاف نفس المصدر أن «ثمانية مهاجمين قتلوا في الاشتباكات»."
    assert quotes_of(text)[0][3] is None


def test_an_elided_subject_takes_the_name_apposed_to_an_office_after_the_verb_before():
    text = ("أبدى فولفجانج شويبله وزير المالية الألماني استعداده لتبني الفكرة، حيث أوضح أن "
            "الخطوة مفيدة.\nوأوضح أنه لا بد من رؤية السياق: \"فالحديث عن ضريبة اليورو قد يؤدي "
            "إلى فهم خاطئ\".")
    assert [q[2:] for q in quotes_of(text)] == [("أوضح", "فولفجانج شويبله")]


def test_who_passed_the_words_on_stands_between_the_verb_and_its_elided_subject():
    text = ("قال فولفجانج شويبله إن الخطوة مفيدة.\nوأضاف وفقاً لوكالة الأنباء الألمانية، أن "
            "\"إنشاء قدرة مالية خاصة لمنطقة اليورو اقتراح قديم\".")
    assert [q[2:] for q in quotes_of(text)] == [("أضاف", "فولفجانج شويبله")]


def test_a_name_goes_on_past_a_latin_initial_and_its_full_stop():
    text = ('وقال ديفيد إيه. تومسون رئيس المؤتمر للصحفيين إن البطاطا مهمة.\n'
            'وقال "فدان البطاطا يقدم طاقة أكبر".')
    assert [q[3] for q in quotes_of(text)] == ["ديفيد إيه. تومسون"]


def test_an_elided_subject_after_a_verb_with_none_is_the_subject_of_the_sentence_before():
    text = ("التقى الأمير فيصل بن خالد الشيخ محمد العلي في مكتبه.\n"
            "وقدم التعازي لذوي الشهداء، وقال: «نعزي أنفسنا ونعزيكم».")
    assert [q[2:] for q in quotes_of(text)] == [("قال", "فيصل بن خالد")]


def test_on_behalf_of_someone_is_neither_who_relays_nor_who_speaks():
    text = ("أدى الأمير فيصل بن خالد صلاة الميت على الشهداء.\nونقل التعازي نيابة عن الملك "
            "سلمان بن عبد العزيز لذوي الشهداء، وقال: «نعزي أنفسنا ونعزيكم».")
    assert [q[2:] for q in quotes_of(text)] == [("قال", "فيصل بن خالد")]


def test_a_verb_of_claiming_is_a_cue_with_its_subject_the_speaker():
    text = "وزعم النائب ميشال عون أن «الحكومة عاجزة عن حل الأزمات المتراكمة»."
    assert [q[2:] for q in quotes_of(text)] == [("زعم", "ميشال عون")]


def test_an_office_named_alone_refers_to_the_person_named_after_the_office_in_full():
    text = ("قال وزير الخارجية الأمريكي جون كيري إن المحادثات مثمرة.\nوأضاف وزير الخارجية "
            "القطري خالد العطية أن الاتفاق مهم.\nمن جانبه أكد الوزير الأمريكي أن واشنطن "
            "ملتزمة بأمن الخليج.\nوقال: «تم الاتفاق على تقاسم المعلومات الاستخباراتية».")
    assert [q[2:] for q in quotes_of(text)] == [("قال", "جون كيري")]
