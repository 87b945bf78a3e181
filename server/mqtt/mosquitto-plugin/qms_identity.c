/*
 * qms_identity: a Mosquitto 2.0 plugin that gives an external broker the client-id
 * rules of the hall's embedded one (server/mqtt/identity.ts, docs/decisions/0021):
 *
 *  - a client id reserved for a login (a device id, `{id}-…`, `qms-server-…`,
 *    `qms-bridge-…`) is refused unless
 *    the client logs in as its owner, so nobody can knock a device offline by taking
 *    its id or inherit its persistent session;
 *  - an anonymous client is refused a persistent session (clean session 0).
 *
 * Mosquitto 2.0 has no configuration for this: `use_username_as_clientid` refuses
 * anonymous clients, `clientid_prefixes` is one prefix that every client must carry,
 * and the dynamic-security plugin binds a client id only for the login that has one.
 * The plugin only refuses; passwords are still checked by `password_file` and topics
 * by `acl_file`.
 *
 * Options: plugin_opt_qms_rules <file>  lines `exact|prefix <client id> <login or *>`
 * (written by `npm run mosquitto-config`). Build:
 *   cc -shared -fPIC -O2 -o qms_identity.so qms_identity.c     (Debian: mosquitto-dev)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

struct rule {
	bool prefix;
	char *value;
	char *owner;
};

static struct rule *rules = NULL;
static size_t nrules = 0;
static mosquitto_plugin_id_t *plugin_id = NULL;

static void free_rules(void)
{
	for(size_t i = 0; i < nrules; i++){
		free(rules[i].value);
		free(rules[i].owner);
	}
	free(rules);
	rules = NULL;
	nrules = 0;
}

static int load_rules(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], kind[16], value[512], owner[256];
	size_t cap = 0;

	if(!f){
		mosquitto_log_printf(MOSQ_LOG_ERR, "qms_identity: cannot read %s", path);
		return MOSQ_ERR_INVAL;
	}
	while(fgets(line, sizeof(line), f)){
		if(line[0] == '#' || line[0] == '\n') continue;
		if(sscanf(line, "%15s %511s %255s", kind, value, owner) != 3
				|| (strcmp(kind, "exact") && strcmp(kind, "prefix"))){
			mosquitto_log_printf(MOSQ_LOG_ERR, "qms_identity: bad line in %s: %s", path, line);
			fclose(f);
			return MOSQ_ERR_INVAL;
		}
		if(nrules == cap){
			cap = cap ? cap * 2 : 64;
			struct rule *r = realloc(rules, cap * sizeof(*r));
			if(!r){
				fclose(f);
				return MOSQ_ERR_NOMEM;
			}
			rules = r;
		}
		rules[nrules].prefix = kind[0] == 'p';
		rules[nrules].value = strdup(value);
		rules[nrules].owner = strdup(owner);
		nrules++;
	}
	fclose(f);
	return MOSQ_ERR_SUCCESS;
}

/* An exact rule, else the longest matching prefix; NULL when the id is free. */
static const struct rule *rule_for(const char *id)
{
	const struct rule *best = NULL;
	size_t best_len = 0;

	for(size_t i = 0; i < nrules; i++){
		const struct rule *r = &rules[i];
		if(!r->prefix){
			if(!strcmp(r->value, id)) return r;
		}else{
			size_t len = strlen(r->value);
			if(!strncmp(r->value, id, len) && (!best || len > best_len)){
				best = r;
				best_len = len;
			}
		}
	}
	return best;
}

static int basic_auth(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_basic_auth *ed = event_data;
	const char *id = mosquitto_client_id(ed->client);
	const char *user = ed->username && ed->username[0] ? ed->username : NULL;
	const struct rule *r = id ? rule_for(id) : NULL;

	(void)event;
	(void)userdata;
	if(r && (!user || (strcmp(r->owner, "*") && strcmp(r->owner, user)))){
		mosquitto_log_printf(MOSQ_LOG_NOTICE, "qms_identity: refused client id %s (%s%s): client-id-reserved",
				id, user ? "login " : "anonymous", user ? user : "");
		return MOSQ_ERR_AUTH;
	}
	if(!user && !mosquitto_client_clean_session(ed->client)){
		mosquitto_log_printf(MOSQ_LOG_NOTICE, "qms_identity: refused client id %s (anonymous): anonymous-persistent-session",
				id ? id : "?");
		return MOSQ_ERR_AUTH;
	}
	return MOSQ_ERR_PLUGIN_DEFER; /* the password file decides */
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	for(int i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5) return 5;
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **user_data, struct mosquitto_opt *opts, int opt_count)
{
	const char *path = NULL;
	int rc;

	(void)user_data;
	for(int i = 0; i < opt_count; i++){
		if(!strcmp(opts[i].key, "qms_rules")) path = opts[i].value;
	}
	if(!path){
		mosquitto_log_printf(MOSQ_LOG_ERR, "qms_identity: plugin_opt_qms_rules is required");
		return MOSQ_ERR_INVAL;
	}
	rc = load_rules(path);
	if(rc != MOSQ_ERR_SUCCESS){
		free_rules();
		return rc;
	}
	plugin_id = identifier;
	mosquitto_log_printf(MOSQ_LOG_INFO, "qms_identity: %zu client-id rules from %s", nrules, path);
	return mosquitto_callback_register(plugin_id, MOSQ_EVT_BASIC_AUTH, basic_auth, NULL, NULL);
}

int mosquitto_plugin_cleanup(void *user_data, struct mosquitto_opt *opts, int opt_count)
{
	(void)user_data;
	(void)opts;
	(void)opt_count;
	if(plugin_id) mosquitto_callback_unregister(plugin_id, MOSQ_EVT_BASIC_AUTH, basic_auth, NULL);
	free_rules();
	return MOSQ_ERR_SUCCESS;
}
