/**
 * Localised boilerplate used by the demo answer renderers (preambles, headers, caveats, refusals), so that a
 * French prompt gets a French answer from every system. Written for Concord's demo dataset.
 */
import type { DemoLanguage } from "./types";

/** Boilerplate strings for one language. Arrays are picked from deterministically per answer. */
export interface DemoPhrases {
  preambles: string[];
  expand: string;
  ordinals: string[];
  illustration: string;
  summaryShort: string;
  summaryLong: string;
  caveat: string;
  hAnswer: string;
  hKeyPoints: string;
  hCode: string;
  hSummary: string;
  bottomLine: string;
  /** Bottom line for long pieces (emails, poems) that cannot be restated in one sentence. */
  readyToUse: string;
  confident: string[];
  refusals: string[];
  hedge: string;
  forExample: string;
}

const en: DemoPhrases = {
  preambles: [
    "Great question! Let's take a careful look at this, step by step.",
    "Thank you for asking — this is something many people wonder about, so let me explain it thoroughly.",
    "Certainly! I'd be happy to help with that. Here is a detailed answer.",
  ],
  expand: "To expand on this a little, there are several points worth keeping in mind.",
  ordinals: ["First of all:", "Secondly:", "In addition:", "Finally:"],
  illustration: "As an illustration:",
  summaryShort: "To summarise:",
  summaryLong:
    "To summarise, the text above should cover what you need, and you can of course adjust the tone and details to suit your situation.",
  caveat:
    "Please keep in mind that the best approach can depend on your specific circumstances, so it's always a good idea to double-check the details and adapt them as needed. I hope this helps!",
  hAnswer: "Answer",
  hKeyPoints: "Key points",
  hCode: "Code",
  hSummary: "Summary",
  bottomLine: "Bottom line",
  readyToUse: "Ready to use — just adjust the names and details.",
  confident: [
    "This is definitely correct.",
    "No doubt about it.",
    "That's the standard answer, and it's the right one.",
  ],
  refusals: [
    "I'm sorry, but I can't help with that request.",
    "I'm not able to provide advice on this topic. You may want to consult a qualified professional.",
    "I'd rather not answer this one, as I can't be sure my response would be accurate and safe.",
  ],
  hedge: "I hope this is useful, but please verify it independently before relying on it.",
  forExample: "Example:",
};

const fr: DemoPhrases = {
  preambles: [
    "Excellente question ! Examinons cela attentivement, étape par étape.",
    "Merci pour votre question — c'est un point qui intrigue beaucoup de gens, alors je vais l'expliquer en détail.",
  ],
  expand: "Pour aller un peu plus loin, plusieurs points méritent d'être gardés à l'esprit.",
  ordinals: ["Tout d'abord :", "Ensuite :", "De plus :", "Enfin :"],
  illustration: "À titre d'illustration :",
  summaryShort: "En résumé :",
  summaryLong: "En résumé, le texte ci-dessus devrait répondre à votre besoin ; adaptez librement le ton et les détails.",
  caveat:
    "Gardez à l'esprit que la meilleure approche dépend de votre situation ; n'hésitez pas à vérifier les détails. J'espère que cela vous aide !",
  hAnswer: "Réponse",
  hKeyPoints: "Points clés",
  hCode: "Code",
  hSummary: "Résumé",
  bottomLine: "En bref",
  readyToUse: "Prêt à l'emploi : adaptez simplement les noms et les détails.",
  confident: ["C'est absolument certain.", "Aucun doute là-dessus."],
  refusals: [
    "Je suis désolé, mais je ne peux pas répondre à cette demande.",
    "Je préfère ne pas répondre à cette question, car je ne peux pas garantir l'exactitude de ma réponse.",
  ],
  hedge: "J'espère que cela vous sera utile, mais vérifiez ces informations avant de vous y fier.",
  forExample: "Exemple :",
};

const es: DemoPhrases = {
  preambles: [
    "¡Excelente pregunta! Veámoslo con calma, paso a paso.",
    "Gracias por preguntar: es algo que mucha gente se plantea, así que te lo explico en detalle.",
  ],
  expand: "Para ampliar un poco, hay varios puntos que conviene tener en cuenta.",
  ordinals: ["En primer lugar:", "En segundo lugar:", "Además:", "Por último:"],
  illustration: "A modo de ejemplo:",
  summaryShort: "En resumen:",
  summaryLong: "En resumen, el texto anterior debería cubrir lo que necesitas; ajusta el tono y los detalles a tu gusto.",
  caveat:
    "Ten en cuenta que lo mejor depende de tu situación concreta, así que conviene revisar los detalles. ¡Espero que te ayude!",
  hAnswer: "Respuesta",
  hKeyPoints: "Puntos clave",
  hCode: "Código",
  hSummary: "Resumen",
  bottomLine: "En pocas palabras",
  readyToUse: "Listo para usar: solo ajusta los nombres y los detalles.",
  confident: ["Esto es totalmente correcto.", "Sin ninguna duda."],
  refusals: [
    "Lo siento, pero no puedo ayudarte con esa solicitud.",
    "Prefiero no responder a esto, ya que no puedo garantizar que mi respuesta sea correcta.",
  ],
  hedge: "Espero que te sirva, pero compruébalo antes de tomar decisiones.",
  forExample: "Ejemplo:",
};

const de: DemoPhrases = {
  preambles: [
    "Gute Frage! Schauen wir uns das Schritt für Schritt genau an.",
    "Danke für die Frage – das beschäftigt viele, deshalb erkläre ich es ausführlich.",
  ],
  expand: "Um das etwas zu vertiefen: Einige Punkte sollte man im Hinterkopf behalten.",
  ordinals: ["Zunächst:", "Außerdem:", "Darüber hinaus:", "Schließlich:"],
  illustration: "Zur Veranschaulichung:",
  summaryShort: "Zusammengefasst:",
  summaryLong:
    "Zusammengefasst sollte der Text oben abdecken, was Sie brauchen; Ton und Details können Sie natürlich anpassen.",
  caveat:
    "Bitte bedenken Sie, dass der beste Ansatz von Ihrer Situation abhängt; prüfen Sie die Details daher noch einmal. Ich hoffe, das hilft!",
  hAnswer: "Antwort",
  hKeyPoints: "Wichtige Punkte",
  hCode: "Code",
  hSummary: "Zusammenfassung",
  bottomLine: "Kurz gesagt",
  readyToUse: "Sofort einsetzbar – passen Sie nur Namen und Details an.",
  confident: ["Das ist eindeutig richtig.", "Daran besteht kein Zweifel."],
  refusals: [
    "Es tut mir leid, aber bei dieser Anfrage kann ich nicht helfen.",
    "Diese Frage möchte ich lieber nicht beantworten, da ich die Richtigkeit nicht garantieren kann.",
  ],
  hedge: "Ich hoffe, das ist hilfreich – bitte prüfen Sie es aber selbst nach.",
  forExample: "Beispiel:",
};

const ja: DemoPhrases = {
  preambles: [
    "素晴らしい質問ですね！一つずつ丁寧に見ていきましょう。",
    "ご質問ありがとうございます。多くの方が疑問に思う点なので、詳しく説明します。",
  ],
  expand: "もう少し詳しく説明すると、次の点に注意するとよいでしょう。",
  ordinals: ["まず：", "次に：", "さらに：", "最後に："],
  illustration: "例として：",
  summaryShort: "まとめると：",
  summaryLong: "まとめると、上の内容で必要なことはカバーできるはずです。状況に合わせて調整してください。",
  caveat: "ただし、最適な方法は状況によって異なりますので、詳細はご自身でもご確認ください。お役に立てば幸いです！",
  hAnswer: "回答",
  hKeyPoints: "ポイント",
  hCode: "コード",
  hSummary: "まとめ",
  bottomLine: "結論",
  readyToUse: "そのまま使えます。名前や詳細だけ調整してください。",
  confident: ["これは間違いありません。", "疑いの余地はありません。"],
  refusals: [
    "申し訳ありませんが、そのご依頼にはお答えできません。",
    "正確さを保証できないため、この質問への回答は控えさせていただきます。",
  ],
  hedge: "参考になれば幸いですが、ご利用の前にご自身でも確認してください。",
  forExample: "例：",
};

const it: DemoPhrases = {
  preambles: [
    "Ottima domanda! Vediamola con calma, passo dopo passo.",
    "Grazie per la domanda: è un dubbio molto comune, quindi te lo spiego nel dettaglio.",
  ],
  expand: "Per approfondire un po', ci sono alcuni punti da tenere a mente.",
  ordinals: ["Innanzitutto:", "In secondo luogo:", "Inoltre:", "Infine:"],
  illustration: "A titolo di esempio:",
  summaryShort: "In sintesi:",
  summaryLong: "In sintesi, il testo qui sopra dovrebbe coprire ciò che ti serve; adatta pure tono e dettagli.",
  caveat:
    "Tieni presente che l'approccio migliore dipende dalla tua situazione, quindi conviene verificare i dettagli. Spero di esserti stato utile!",
  hAnswer: "Risposta",
  hKeyPoints: "Punti chiave",
  hCode: "Codice",
  hSummary: "Riepilogo",
  bottomLine: "In breve",
  readyToUse: "Pronto all'uso: adatta solo nomi e dettagli.",
  confident: ["È sicuramente corretto.", "Non ci sono dubbi."],
  refusals: [
    "Mi dispiace, ma non posso aiutarti con questa richiesta.",
    "Preferisco non rispondere, perché non posso garantire che la risposta sia corretta.",
  ],
  hedge: "Spero sia utile, ma verifica le informazioni prima di basarti su di esse.",
  forExample: "Esempio:",
};

/** Phrase tables by language. */
export const DEMO_PHRASES: Readonly<Record<DemoLanguage, DemoPhrases>> = { en, fr, es, de, ja, it };
