/**
 * Demo prompts: multilingual (French, Spanish, German, Japanese, Italian). Written for Concord's demo
 * dataset; prompts and answers are in the prompt's language. Some have a reference answer and a wrong variant.
 */
import type { DemoPromptSource } from "../types";

export const multilingualPrompts: DemoPromptSource[] = [
  {
    externalId: "demo-multilingual-01",
    category: "multilingual",
    language: "fr",
    turns: [
      {
        user: "Peux-tu m'expliquer simplement la différence entre « savoir » et « connaître » ?",
        core: {
          answer: "« Savoir » s'utilise pour un fait ou une compétence ; « connaître » pour une personne, un lieu ou une chose qu'on a rencontrée.",
          points: [
            "« Savoir » est souvent suivi d'un verbe ou de « que » : je sais nager, je sais qu'il vient.",
            "« Connaître » est toujours suivi d'un nom : je connais Paris, je connais ta sœur.",
          ],
          example: "Je connais ce restaurant, mais je ne sais pas s'il est ouvert le lundi.",
        },
      },
    ],
  },
  {
    externalId: "demo-multilingual-02",
    category: "multilingual",
    language: "fr",
    reference: "86 400 secondes (3 600 × 24).",
    turns: [
      {
        user: "Combien y a-t-il de secondes dans une journée ? Explique le calcul.",
        core: {
          answer: "Il y a 86 400 secondes dans une journée.",
          points: ["Une heure compte 60 × 60 = 3 600 secondes.", "3 600 × 24 heures = 86 400 secondes."],
          example: "Une semaine compte donc 604 800 secondes.",
        },
        wrong: { answer: "Il y a 36 000 secondes dans une journée : 60 × 60 × 10." },
      },
    ],
  },
  {
    externalId: "demo-multilingual-03",
    category: "multilingual",
    language: "es",
    turns: [
      {
        user: "¿Me das tres consejos para dormir mejor? Respóndeme en español, por favor.",
        core: {
          answer: "Claro: mantén un horario fijo, evita pantallas antes de dormir y cuida la luz y la temperatura del dormitorio.",
          points: [
            "Acuéstate y levántate a la misma hora, incluso el fin de semana.",
            "Deja el móvil una hora antes; la luz azul retrasa el sueño.",
            "Un cuarto oscuro y fresco, de unos 18 °C, ayuda a dormir profundamente.",
          ],
          example: "Si te despiertas a las 7:00, intenta acostarte cada noche sobre las 23:00.",
        },
      },
    ],
  },
  {
    externalId: "demo-multilingual-04",
    category: "multilingual",
    language: "es",
    reference: "\"Lo siento, llego tarde porque el tren se retrasó.\"",
    turns: [
      {
        user: "Traduce al español: \"Sorry, I'm late because the train was delayed.\"",
        core: {
          answer: "\"Lo siento, llego tarde porque el tren se retrasó.\"",
          points: ["\"Llego tarde\" es la forma natural de \"I'm late\".", "\"Se retrasó\" describe el retraso ya ocurrido."],
          example: "Más informal: \"Perdona, llego tarde, el tren venía con retraso.\"",
        },
        wrong: { answer: "\"Lo siento, soy tarde porque el tren fue retrasado.\"" },
      },
    ],
  },
  {
    externalId: "demo-multilingual-05",
    category: "multilingual",
    language: "de",
    turns: [
      {
        user: "Wie schreibe ich eine kurze, höfliche Absage für ein Vorstellungsgespräch?",
        core: {
          answer:
            "Sehr geehrte Frau Becker,\n\nvielen Dank für die Einladung zum Vorstellungsgespräch. Nach reiflicher Überlegung habe ich mich für eine andere Stelle entschieden und sage den Termin daher ab.\n\nIch wünsche Ihnen und Ihrem Team alles Gute.\n\nMit freundlichen Grüßen\nLena Hoffmann",
          points: [
            "Bedanken Sie sich zuerst für die Einladung.",
            "Ein Grund ist nicht nötig, eine kurze Erklärung wirkt aber freundlich.",
            "Sagen Sie so früh wie möglich ab.",
          ],
        },
      },
    ],
  },
  {
    externalId: "demo-multilingual-06",
    category: "multilingual",
    language: "de",
    reference: "der Tisch, die Lampe, das Fenster",
    turns: [
      {
        user: "Welche Artikel haben die Wörter Tisch, Lampe und Fenster?",
        core: {
          answer: "der Tisch, die Lampe, das Fenster.",
          points: ["Wörter auf -e sind oft feminin, wie die Lampe.", "Lernen Sie Nomen immer zusammen mit dem Artikel."],
          example: "Im Plural heißt es bei allen drei „die“: die Tische, die Lampen, die Fenster.",
        },
        wrong: { answer: "das Tisch, der Lampe, die Fenster." },
      },
      {
        user: "Und wie lautet der Dativ Singular von allen drei?",
        core: {
          answer: "dem Tisch, der Lampe, dem Fenster.",
          points: ["Maskulin und neutral werden zu „dem“.", "Feminin wird zu „der“."],
          example: "Das Buch liegt auf dem Tisch, neben der Lampe, vor dem Fenster.",
        },
        wrong: { answer: "den Tisch, die Lampe, das Fenster." },
      },
    ],
  },
  {
    externalId: "demo-multilingual-07",
    category: "multilingual",
    language: "ja",
    turns: [
      {
        user: "日本語で、雨の日に楽しめる室内の過ごし方を三つ教えてください。",
        core: {
          answer: "雨の日は、読書、料理、映画鑑賞がおすすめです。",
          points: [
            "読書：積んでいた本を一冊読み切るよい機会です。",
            "料理：時間のかかる煮込み料理やパン作りに挑戦できます。",
            "映画鑑賞：シリーズ作品を一気に見るのも楽しいです。",
          ],
          example: "たとえば、午前は読書、午後はカレー作り、夜は映画という一日はいかがでしょうか。",
        },
      },
    ],
  },
  {
    externalId: "demo-multilingual-08",
    category: "multilingual",
    language: "ja",
    reference: "「お疲れ様です」は同僚や目上の人に、「ご苦労様です」は目上から目下に使う。",
    turns: [
      {
        user: "「お疲れ様です」と「ご苦労様です」の違いは何ですか？",
        core: {
          answer: "「お疲れ様です」は誰にでも使えますが、「ご苦労様です」は目上の人から目下の人へのねぎらいの言葉です。",
          points: [
            "上司に「ご苦労様です」と言うのは失礼とされることが多いです。",
            "迷ったら「お疲れ様です」を使えば安全です。",
          ],
          example: "部長が会議から戻ったときは「お疲れ様です」と声をかけましょう。",
        },
        wrong: { answer: "どちらも同じ意味で、上司にも部下にも自由に使えます。" },
      },
    ],
  },
  {
    externalId: "demo-multilingual-09",
    category: "multilingual",
    language: "it",
    turns: [
      {
        user: "Mi scrivi un breve messaggio per ringraziare un collega che mi ha aiutato con un progetto?",
        core: {
          answer:
            "Ciao Marco, volevo ringraziarti per l'aiuto con la presentazione di ieri. I tuoi consigli sui grafici hanno fatto davvero la differenza. Ti devo un caffè!",
          points: ["Cita un aiuto concreto.", "Chiude con un tono leggero e cordiale."],
        },
      },
    ],
  },
  {
    externalId: "demo-multilingual-10",
    category: "multilingual",
    language: "it",
    reference: "Si usa il congiuntivo: \"Penso che sia giusto.\"",
    turns: [
      {
        user: "Si dice \"penso che è giusto\" o \"penso che sia giusto\"?",
        core: {
          answer: "Si dice \"penso che sia giusto\": dopo verbi di opinione come \"pensare\" si usa il congiuntivo.",
          points: [
            "Altri verbi che lo richiedono: credere, sperare, immaginare.",
            "Nel parlato informale si sente l'indicativo, ma nello scritto è considerato un errore.",
          ],
          example: "Credo che Luca abbia ragione; spero che tu venga alla festa.",
        },
        wrong: { answer: "Si dice \"penso che è giusto\": il congiuntivo è ormai scomparso dall'italiano." },
      },
    ],
  },
];
