"""A generated corpus of short Arabic news articles for the crash, concurrency and load tests.

The sentences are written for these tests (fictional events); slots vary the city, the people, the
figures and the day so that every article is a distinct text (a distinct id) while the articles of one
topic share their vocabulary and fall into a few stories.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

CITIES = ["الموصل", "كركوك", "النجف", "الحلة", "الكوت", "الرمادي", "تكريت", "العمارة", "السماوة", "الديوانية"]
OUTLETS = ["وكالة الرافد", "صحيفة المرصد اليومي", "صحيفة الأفق الغربي", "موقع الضفة نيوز"]
PEOPLE = ["سالم الجبوري", "هدى الربيعي", "كريم العبيدي", "نادية الساعدي", "فراس الدليمي", "منى الزبيدي"]

# topic -> (title, [body sentences]); slots: {city} {n} {m} {person} {day}
TOPICS = {
    "floods": ("سيول جارفة تغمر أحياء في {city} وفرق الإنقاذ تجلي {n} عائلة", [
        "غمرت السيول أحياء سكنية في مدينة {city} بعد أمطار غزيرة استمرت {m} ساعات متواصلة.",
        "وقال مدير الدفاع المدني {person} إن فرق الإنقاذ أجلت {n} عائلة من المنازل المتضررة.",
        "وأعلنت السلطات المحلية تعطيل الدوام الرسمي يوم {day} بسبب ارتفاع منسوب المياه في الشوارع.",
        "وقال {person}: «نعمل على مدار الساعة لسحب المياه وفتح الطرق المغلقة».",
        "وتضرر نحو {m}0 منزلاً في الأحياء المنخفضة بحسب إحصاء أولي للسيول.",
    ]),
    "elections": ("مفوضية الانتخابات تعلن نسبة المشاركة في انتخابات مجلس محافظة {city}", [
        "أعلنت مفوضية الانتخابات أن نسبة المشاركة في انتخابات مجلس محافظة {city} بلغت {n} في المئة.",
        "وتنافس في الانتخابات {m}0 مرشحاً على مقاعد المجلس الجديد.",
        "وقال رئيس المفوضية {person} إن فرز الأصوات سينتهي يوم {day}.",
        "وأضاف {person}: «جرت عملية الاقتراع بهدوء ولم نسجل خروقات تؤثر في النتائج».",
        "ودعت المفوضية المرشحين إلى تقديم الطعون خلال {m} أيام من إعلان النتائج الأولية.",
    ]),
    "wheat": ("وزارة التجارة تتسلم {n} ألف طن من محصول القمح في {city}", [
        "تسلمت وزارة التجارة {n} ألف طن من محصول القمح من مزارعي محافظة {city} منذ بدء موسم التسويق.",
        "وقال مدير فرع الحبوب {person} إن سعر الطن الواحد حدد بمبلغ {m}00 ألف دينار.",
        "وشكا مزارعون من تأخر صرف مستحقاتهم المالية عن الموسم الماضي.",
        "وأوضح {person}: «المخازن قادرة على استيعاب الكميات كلها حتى نهاية الموسم».",
        "وتوقعت الوزارة أن يبلغ إنتاج الحنطة هذا العام أكثر من {m} ملايين طن.",
    ]),
    "power": ("انقطاع الكهرباء عن {city} بعد عطل في محطة التوليد الرئيسية", [
        "انقطع التيار الكهربائي عن أجزاء واسعة من مدينة {city} إثر عطل فني في محطة التوليد الرئيسية.",
        "وقال المتحدث باسم وزارة الكهرباء {person} إن الفرق الفنية أعادت {n} ميغاواط إلى الشبكة.",
        "وارتفعت درجات الحرارة يوم {day} إلى {m}0 درجة مئوية مع تزايد الطلب على الطاقة.",
        "وأكد {person}: «سنعيد تشغيل الوحدة المتوقفة خلال ساعات».",
        "واشتكى سكان {city} من ساعات القطع الطويلة وارتفاع أسعار المولدات الأهلية.",
    ]),
    "football": ("فريق {city} يتأهل إلى نهائي كأس الدوري بعد فوزه بهدفين", [
        "تأهل فريق {city} إلى المباراة النهائية لكأس الدوري بعد فوزه بهدفين مقابل هدف.",
        "وسجل المهاجم {person} هدف الفوز في الدقيقة {n} من عمر المباراة.",
        "وحضر المباراة نحو {m}0 ألف مشجع في الملعب الأولمبي مساء يوم {day}.",
        "وقال المدرب {person}: «اللاعبون قدموا مباراة كبيرة ونستحق بلوغ النهائي».",
        "وتقام المباراة النهائية بعد {m} أيام على الملعب نفسه.",
    ]),
    "vaccines": ("دائرة الصحة في {city} تطلق حملة تلقيح ضد الحصبة تستهدف {n} ألف طفل", [
        "أطلقت دائرة الصحة في {city} حملة تلقيح ضد الحصبة تستهدف {n} ألف طفل دون سن الخامسة.",
        "وقال مدير الرعاية الصحية {person} إن الحملة تستمر {m} أيام وتشمل القرى النائية.",
        "وخصصت الدائرة {m}0 فريقاً جوالاً للوصول إلى المنازل يوم {day}.",
        "وأضاف {person}: «اللقاح آمن ومجاني وندعو الأهالي إلى التعاون مع الفرق».",
        "وسجلت المحافظة إصابات بالحصبة خلال الأسابيع الماضية دفعت إلى تسريع الحملة.",
    ]),
}
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "السبت"]


def article_text(i: int, rng: random.Random, topic: str, published: date) -> str:
    title, sentences = TOPICS[topic]
    slots = {"city": rng.choice(CITIES), "n": rng.randint(12, 980), "m": rng.randint(2, 9),
             "person": rng.choice(PEOPLE), "day": rng.choice(DAYS)}
    body = [s.format(**slots) for s in rng.sample(sentences, k=rng.randint(3, len(sentences)))]
    outlet = rng.choice(OUTLETS)
    # The serial number in the closing line keeps two articles with the same draw distinct.
    return "\n".join([title.format(**slots), published.isoformat(), f"{outlet}- {slots['city']}", "",
                      *body, "", f"(تقرير رقم {i})", ""])


def write_corpus(folder: Path, count: int, *, seed: int = 8, prefix: str = "g") -> list[Path]:
    """Write `count` articles as UTF-8 text files into `folder`; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    topics = sorted(TOPICS)
    start = date(2025, 3, 1)
    paths = []
    for i in range(count):
        topic = topics[i % len(topics)]
        published = start + timedelta(days=rng.randint(0, 20))
        path = folder / f"{prefix}{i:04d}_{topic}.txt"
        path.write_text(article_text(i + 1000 * seed, rng, topic, published), encoding="utf-8")
        paths.append(path)
    return paths
