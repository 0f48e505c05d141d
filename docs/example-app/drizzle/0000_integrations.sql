CREATE TABLE "integrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"bot_token" varchar(64) NOT NULL,
	"refresh_token" text
);
