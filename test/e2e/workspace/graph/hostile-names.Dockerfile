# Text from the file reaches the Stage Graph webview; it must arrive as text, never as markup.
FROM "<img/src/onerror=alert(1)>" AS evil
FROM evil<b>bold</b>&amp;
