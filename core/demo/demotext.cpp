// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demotext.h"

using namespace Qt::StringLiterals;

namespace Tessera::DemoText {

const Phrases &phrases(Language language)
{
    static const Phrases english {
        { u"Cannot log in to the %1"_s, u"%1 crashes on startup"_s,
            u"Invoice %2 shows the wrong amount"_s, u"New user account for %3"_s,
            u"Error 500 when saving in the %1"_s, u"How do I export reports from the %1?"_s,
            u"%1 is very slow since this morning"_s, u"Password reset e-mail never arrives"_s,
            u"Refund for order %2"_s, u"Printer on floor %4 does not print"_s,
            u"VPN drops every few minutes"_s, u"Feature request: dark mode in the %1"_s,
            u"Data sync fails with a timeout"_s, u"Wrong VAT rate on invoice %2"_s,
            u"Upgrade to version %5 failed"_s, u"Two-factor codes rejected in the %1"_s,
            u"Attachment upload stops at 99%"_s },
        { u"Hello, since yesterday the %1 does not work for our team."_s,
            u"Hi, we have a problem with the %1 and need help quickly."_s,
            u"Good morning, one of our users reported an issue with the %1."_s,
            u"Hello support, I am writing about order %2."_s },
        { u"The error appears every time we open the main screen."_s,
            u"We already restarted the computer and cleared the cache, nothing changed."_s,
            u"It started after the update on Monday."_s,
            u"It happens to about half of our users."_s,
            u"Attached is the log from this morning."_s, u"The message says the session expired."_s,
            u"We are blocked and cannot invoice our customers."_s },
        { u"Thank you for the details. Could you send us the full log from the moment it happens?"_s,
            u"We found the cause: a configuration change on our side. It is fixed now, please try again."_s,
            u"I have reset the account. Please sign in again and let me know if it works."_s,
            u"This is a known issue and a fix ships in version %5. Until then, use the web portal."_s },
        { u"Looks like the same bug as last week, assigning to second level."_s,
            u"Customer is on the legacy plan, check the contract before refunding."_s,
            u"Reproduced on staging. Stack trace below."_s,
            u"Waiting for the vendor; do not close until they confirm."_s },
        { u"Thanks, %3"_s, u"Best regards, %3"_s, u"Kind regards"_s, u"Thank you!"_s },
    };
    static const Phrases portuguese {
        { u"Não consigo acessar o %1"_s, u"%1 trava ao iniciar"_s, u"Fatura %2 com valor errado"_s,
            u"Nova conta de usuário para %3"_s, u"Erro 500 ao salvar no %1"_s,
            u"Como exportar relatórios do %1?"_s, u"%1 muito lento desde hoje cedo"_s,
            u"E-mail de redefinição de senha não chega"_s, u"Reembolso do pedido %2"_s,
            u"Impressora do andar %4 não imprime"_s, u"VPN desconecta a cada poucos minutos"_s,
            u"Sugestão: modo escuro no %1"_s, u"Sincronização falha por tempo esgotado"_s,
            u"Alíquota de imposto errada na nota %2"_s, u"Atualização para a versão %5 falhou"_s,
            u"Códigos de dois fatores recusados no %1"_s, u"Envio de anexo para em 99%"_s },
        { u"Olá, desde ontem o %1 não funciona para a nossa equipe."_s,
            u"Bom dia, estamos com um problema no %1 e precisamos de ajuda urgente."_s,
            u"Boa tarde, um dos nossos usuários relatou uma falha no %1."_s,
            u"Olá suporte, escrevo a respeito do pedido %2."_s },
        { u"O erro aparece sempre que abrimos a tela principal."_s,
            u"Já reiniciamos o computador e limpamos o cache, sem mudança."_s,
            u"Começou depois da atualização de segunda-feira."_s,
            u"Acontece com cerca de metade dos nossos usuários."_s,
            u"Segue em anexo o log de hoje cedo."_s, u"A mensagem diz que a sessão expirou."_s,
            u"Estamos parados e não conseguimos faturar os clientes."_s },
        { u"Obrigado pelos detalhes. Pode nos enviar o log completo do momento em que acontece?"_s,
            u"Encontramos a causa: uma mudança de configuração do nosso lado. Já corrigimos, tente novamente."_s,
            u"Redefini a conta. Entre de novo e me avise se funcionou."_s,
            u"É um problema conhecido e a correção sai na versão %5. Até lá, use o portal web."_s },
        { u"Parece o mesmo bug da semana passada, passando para o segundo nível."_s,
            u"Cliente no plano antigo, verificar contrato antes do reembolso."_s,
            u"Reproduzido em homologação. Stack trace abaixo."_s,
            u"Aguardando o fornecedor; não fechar até a confirmação."_s },
        { u"Obrigado, %3"_s, u"Atenciosamente, %3"_s, u"Abraços"_s, u"Obrigada!"_s },
    };
    static const Phrases italian {
        { u"Impossibile accedere a %1"_s, u"%1 si blocca all'avvio"_s,
            u"La fattura %2 riporta un importo errato"_s, u"Nuovo account utente per %3"_s,
            u"Errore 500 durante il salvataggio in %1"_s, u"Come esporto i report da %1?"_s,
            u"%1 molto lento da stamattina"_s, u"L'e-mail per reimpostare la password non arriva"_s,
            u"Rimborso per l'ordine %2"_s, u"La stampante al piano %4 non stampa"_s,
            u"La VPN si disconnette ogni pochi minuti"_s, u"Proposta: modalità scura in %1"_s,
            u"La sincronizzazione fallisce per timeout"_s,
            u"Aliquota IVA errata sulla fattura %2"_s,
            u"Aggiornamento alla versione %5 non riuscito"_s,
            u"Codici a due fattori rifiutati in %1"_s,
            u"Il caricamento degli allegati si ferma al 99%"_s },
        { u"Buongiorno, da ieri %1 non funziona per il nostro team."_s,
            u"Salve, abbiamo un problema con %1 e ci serve aiuto al più presto."_s,
            u"Buonasera, un nostro utente ha segnalato un errore in %1."_s,
            u"Gentile assistenza, vi scrivo riguardo all'ordine %2."_s },
        { u"L'errore compare ogni volta che apriamo la schermata principale."_s,
            u"Abbiamo già riavviato il computer e svuotato la cache, senza risultato."_s,
            u"È iniziato dopo l'aggiornamento di lunedì."_s,
            u"Succede a circa metà dei nostri utenti."_s, u"In allegato il log di stamattina."_s,
            u"Il messaggio dice che la sessione è scaduta."_s,
            u"Siamo fermi e non riusciamo a fatturare ai clienti."_s },
        { u"Grazie per i dettagli. Può inviarci il log completo del momento in cui succede?"_s,
            u"Abbiamo trovato la causa: una modifica di configurazione da parte nostra. È risolto, riprovi pure."_s,
            u"Ho reimpostato l'account. Acceda di nuovo e mi faccia sapere se funziona."_s,
            u"È un problema noto e la correzione arriva con la versione %5. Nel frattempo usi il portale web."_s },
        { u"Sembra lo stesso bug della settimana scorsa, passo al secondo livello."_s,
            u"Cliente con il vecchio piano, controllare il contratto prima del rimborso."_s,
            u"Riprodotto in collaudo. Stack trace qui sotto."_s,
            u"In attesa del fornitore; non chiudere finché non confermano."_s },
        { u"Grazie, %3"_s, u"Cordiali saluti, %3"_s, u"Buona giornata"_s, u"Grazie mille!"_s },
    };
    switch (language) {
    case Portuguese:
        return portuguese;
    case Italian:
        return italian;
    case English:
        break;
    }
    return english;
}

const QStringList &products(Language language)
{
    static const QStringList en { u"customer portal"_s, u"mobile app"_s, u"billing system"_s,
        u"ERP"_s, u"e-mail server"_s, u"warehouse scanner"_s, u"intranet"_s };
    static const QStringList pt { u"portal do cliente"_s, u"aplicativo"_s,
        u"sistema de faturamento"_s, u"ERP"_s, u"servidor de e-mail"_s, u"leitor do estoque"_s,
        u"intranet"_s };
    static const QStringList it { u"portale clienti"_s, u"app mobile"_s,
        u"gestionale di fatturazione"_s, u"ERP"_s, u"server di posta"_s, u"lettore di magazzino"_s,
        u"intranet"_s };
    return language == Portuguese ? pt : language == Italian ? it : en;
}

const QStringList &codeSnippets()
{
    static const QStringList snippets {
        u"```log\n2026-11-20 09:14:03.512 ERROR [sync-worker-3] c.a.sync.Client - Request timed "
        u"out after 30000 ms\n"
        u"2026-11-20 09:14:03.513 WARN  [sync-worker-3] c.a.sync.Client - Retrying (attempt 2 of "
        u"5)\n"
        u"2026-11-20 09:14:33.520 ERROR [sync-worker-3] c.a.sync.Client - java.net.SocketTimeoutException: Read timed out\n```"_s,
        u"```json\n{\n  \"error\": {\n    \"code\": 500,\n    \"message\": \"Internal Server "
        u"Error\",\n"
        u"    \"request_id\": \"f3a9c2e1\"\n  }\n}\n```"_s,
        u"```cpp\nauto *reply = manager.get(QNetworkRequest(url));\n"
        u"QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {\n"
        u"    qWarning() << reply->error() << reply->errorString();\n});\n```"_s,
        u"```python\nresp = requests.post(url, json=payload, timeout=10)\nresp.raise_for_status()  # raises HTTPError: 502\n```"_s,
        u"```bash\n$ curl -sv https://portal.example.com/api/login\n< HTTP/1.1 502 Bad Gateway\n< server: nginx\n```"_s,
        u"```\nTraceback (most recent call last):\n  File \"export.py\", line 88, in <module>\n"
        u"    writer.writerow(row)\nUnicodeEncodeError: 'ascii' codec can't encode character '\\xe3'\n```"_s,
        u"```sql\nSELECT id, total FROM invoices WHERE customer_id = 4711 AND status = 'open';\n```"_s,
        u"```log\nNov 20 08:02:11 gw01 openvpn[1123]: Inactivity timeout (--ping-restart), "
        u"restarting\n"
        u"Nov 20 08:02:12 gw01 openvpn[1123]: SIGUSR1[soft,ping-restart] received, process restarting\n```"_s,
    };
    return snippets;
}

const QStringList &firstNames(Language language)
{
    static const QStringList en { u"Emma"_s, u"Liam"_s, u"Olivia"_s, u"Noah"_s, u"Ava"_s,
        u"James"_s, u"Sophia"_s, u"Lucas"_s, u"Mia"_s, u"Ethan"_s, u"Grace"_s, u"Henry"_s };
    static const QStringList pt { u"Ana"_s, u"João"_s, u"Maria"_s, u"Pedro"_s, u"Beatriz"_s,
        u"Lucas"_s, u"Juliana"_s, u"Rafael"_s, u"Camila"_s, u"Thiago"_s, u"Larissa"_s,
        u"Gustavo"_s };
    static const QStringList it { u"Giulia"_s, u"Marco"_s, u"Francesca"_s, u"Luca"_s, u"Chiara"_s,
        u"Matteo"_s, u"Sara"_s, u"Alessandro"_s, u"Elena"_s, u"Davide"_s, u"Martina"_s,
        u"Simone"_s };
    return language == Portuguese ? pt : language == Italian ? it : en;
}

const QStringList &lastNames(Language language)
{
    static const QStringList en { u"Smith"_s, u"Johnson"_s, u"Brown"_s, u"Taylor"_s, u"Wilson"_s,
        u"Clarke"_s, u"Walker"_s, u"Hughes"_s, u"Turner"_s, u"Bennett"_s };
    static const QStringList pt { u"Silva"_s, u"Souza"_s, u"Oliveira"_s, u"Santos"_s, u"Pereira"_s,
        u"Costa"_s, u"Almeida"_s, u"Ferreira"_s, u"Ribeiro"_s, u"Gonçalves"_s };
    static const QStringList it { u"Rossi"_s, u"Russo"_s, u"Ferrari"_s, u"Esposito"_s, u"Bianchi"_s,
        u"Romano"_s, u"Colombo"_s, u"Ricci"_s, u"Marino"_s, u"Greco"_s };
    return language == Portuguese ? pt : language == Italian ? it : en;
}

const QStringList &companyStems(Language language)
{
    static const QStringList en { u"Northwind"_s, u"Bluefield"_s, u"Harbor"_s, u"Summit"_s,
        u"Redwood"_s, u"Lakeside"_s, u"Ironbridge"_s, u"Brightline"_s };
    static const QStringList pt { u"Padaria Pão Dourado"_s, u"Transportes Serra Azul"_s,
        u"Construtora Horizonte"_s, u"Farmácia Boa Saúde"_s, u"Agro Cerrado"_s,
        u"Têxtil Vale Verde"_s };
    static const QStringList it { u"Rossi Logistica"_s, u"Officine Lombarde"_s,
        u"Caseificio Valle"_s, u"Studio Bianchi"_s, u"Vetreria Murano Nord"_s,
        u"Tipografia Adriatica"_s };
    return language == Portuguese ? pt : language == Italian ? it : en;
}

const QStringList &companySuffixes(Language language)
{
    static const QStringList en { u"Ltd"_s, u"Inc."_s, u"Group"_s, u"Systems"_s };
    static const QStringList pt { u"Ltda"_s, u"S.A."_s, u"ME"_s };
    static const QStringList it { u"S.r.l."_s, u"S.p.A."_s, u"& C. S.n.c."_s };
    return language == Portuguese ? pt : language == Italian ? it : en;
}

} // namespace Tessera::DemoText
